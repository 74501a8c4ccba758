package dev.parley.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Transport} over the JDK's {@link java.net.http.WebSocket}. */
final class JdkWebSocketTransport implements Transport {
    /** Frames larger than this are refused (a broken or hostile server). */
    static final int MAX_FRAME_CHARS = 16 * 1024 * 1024;

    private final HttpClient http;
    private final Duration connectTimeout;

    JdkWebSocketTransport(HttpClient http, Duration connectTimeout) {
        this.http = http;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public CompletableFuture<Connection> open(URI uri, Handler handler) {
        Adapter adapter = new Adapter(handler);
        return http.newWebSocketBuilder().connectTimeout(connectTimeout)
                .buildAsync(uri, adapter)
                .thenApply(ws -> new JdkConnection(ws, adapter));
    }

    /** Reassembles fragmented text frames and reports the end of the connection once. */
    private static final class Adapter implements WebSocket.Listener {
        private final Handler handler;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();

        Adapter(Handler handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (partial.length() > MAX_FRAME_CHARS) {
                fail(new IllegalStateException("server frame larger than " + MAX_FRAME_CHARS + " chars"));
                ws.abort();
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handler.onText(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (ended.compareAndSet(false, true)) {
                handler.onClosed(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            fail(error);
        }

        void fail(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                handler.onFailure(error);
            }
        }

        /** The owner dropped the connection itself: report nothing more. */
        void silence() {
            ended.set(true);
        }
    }

    /** Serializes sends: the JDK WebSocket allows one outstanding send at a time. */
    private static final class JdkConnection implements Connection {
        private final WebSocket ws;
        private final Adapter adapter;
        private CompletableFuture<WebSocket> tail;

        JdkConnection(WebSocket ws, Adapter adapter) {
            this.ws = ws;
            this.adapter = adapter;
            this.tail = CompletableFuture.completedFuture(ws);
        }

        @Override
        public synchronized void send(String text) {
            tail = tail.thenCompose(w -> w.sendText(text, true));
            tail.whenComplete(this::checkSent);
        }

        @Override
        public synchronized void close(int code, String reason) {
            tail = tail.thenCompose(w -> w.sendClose(code, reason));
            tail.whenComplete(this::checkSent);
        }

        @Override
        public void abort() {
            adapter.silence();
            ws.abort();
        }

        private void checkSent(WebSocket w, Throwable error) {
            if (error != null) {
                adapter.fail(error);
                ws.abort();
            }
        }
    }
}

package dev.parley.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket client for tests that records every frame it receives, in order, and lets a test assert
 * them one by one (like OkHttp's WebSocketRecorder). Speaks text only; sends exactly the strings it is given,
 * so tests can send malformed frames.
 */
public final class RecordingWebSocket implements AutoCloseable {
    /** The close frame the server sent. */
    public record Closed(int code, String reason) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FrameCodec codec = new FrameCodec();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean keepSignals;

    private RecordingWebSocket(URI uri, List<String> subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Recorder()).join();
    }

    public static RecordingWebSocket connect(URI uri) {
        return new RecordingWebSocket(uri, List.of());
    }

    public static RecordingWebSocket connect(URI uri, List<String> subprotocols) {
        return new RecordingWebSocket(uri, subprotocols);
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public RecordingWebSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public RecordingWebSocket sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next frame as text, failing after 10 s. */
    public String nextText() {
        try {
            String f = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(f).as("a frame within %s", TIMEOUT).isNotNull();
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame as text, or null once the connection closed and every frame was taken (fails after 10 s of neither). */
    public String nextTextOrNull() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no frame and no close within " + TIMEOUT);
                }
                String f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null) {
                    return f;
                }
                if (closed.isDone() && frames.isEmpty()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next frame. Presence and typing frames (ephemeral signals that may arrive at any time) are skipped
     * unless {@link #withSignals()} was called.
     */
    public ServerFrame next() {
        while (true) {
            String text = nextText();
            ServerFrame frame;
            try {
                frame = codec.decodeServer(text);
            } catch (ProtocolException e) {
                throw new AssertionError("server sent an undecodable frame: " + text, e);
            }
            boolean signal = frame instanceof ServerFrame.PresenceFrame || frame instanceof ServerFrame.TypingFrame;
            if (keepSignals || !signal) {
                return frame;
            }
        }
    }

    /** Makes {@link #next()} return presence and typing frames too. */
    public RecordingWebSocket withSignals() {
        keepSignals = true;
        return this;
    }

    /** The next frame, asserting its type. */
    public <T extends ServerFrame> T expect(Class<T> type) {
        ServerFrame f = next();
        assertThat(f).isInstanceOf(type);
        return type.cast(f);
    }

    /** Skips frames (typically pushed updates) until one of the type arrives, and returns it. */
    public <T extends ServerFrame> T skipTo(Class<T> type) {
        while (true) {
            ServerFrame f = next();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
    }

    /** The next error frame, asserting its code and request id. */
    public ServerFrame.Error expectError(String code, String requestId) {
        ServerFrame.Error e = expect(ServerFrame.Error.class);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.id()).isEqualTo(requestId);
        assertThat(e.message()).isNotBlank();
        return e;
    }

    /** Waits for the server's close frame. */
    public Closed awaitClose() {
        return closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Frames received and not yet taken. */
    public int buffered() {
        return frames.size();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        socket.abort();
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}

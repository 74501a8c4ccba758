package dev.parley.client;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** An in-memory {@link Transport}: each open() yields a connection the test drives as the server. */
final class FakeTransport implements Transport {
    final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();
    volatile boolean refuse;

    /** Awaitility polling fast enough for the tests' short timeouts. */
    static ConditionFactory await() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    @Override
    public CompletableFuture<Connection> open(URI uri, Handler handler) {
        if (refuse) {
            refusals.incrementAndGet();
            return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        }
        FakeConnection connection = new FakeConnection(handler);
        connections.add(connection);
        return CompletableFuture.completedFuture(connection);
    }

    /** Waits for the {@code index}-th connection (0-based) to be opened. */
    FakeConnection connection(int index) {
        await().until(() -> connections.size() > index);
        return connections.get(index);
    }

    /** The server side of one connection. */
    static final class FakeConnection implements Connection {
        private static final ObjectMapper JSON = new ObjectMapper();
        final Handler handler;
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean aborted;
        volatile Integer closeCode;

        FakeConnection(Handler handler) {
            this.handler = handler;
        }

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        /** Delivers a server frame given as JSON with single quotes. */
        FakeConnection push(String json) {
            handler.onText(json.replace('\'', '"'));
            return this;
        }

        FakeConnection ready(long cursor) {
            return push("{'type':'ready','id':'" + authId() + "','userId':1,'deviceId':2,'cursor':" + cursor
                    + ",'head':" + cursor + ",'serverTime':0}");
        }

        FakeConnection message(long cursor, long chatId, long seq, String text) {
            return push("{'type':'update','cursor':" + cursor + ",'event':{'kind':'message','message':{'chatId':"
                    + chatId + ",'seq':" + seq + ",'id':'m" + seq + "','senderId':5,'senderDeviceId':6,'clientId':'x"
                    + seq + "','kind':'text','text':'" + text + "','ts':0}}}");
        }

        FakeConnection accept(JsonNode send, long seq) {
            return push("{'type':'accepted','id':'" + send.get("id").asText() + "','chatId':" + send.get("chatId")
                    + ",'seq':" + seq + ",'messageId':'m" + seq + "','clientId':'" + send.get("clientId").asText()
                    + "','serverTime':0}");
        }

        void serverClose(int code, String reason) {
            handler.onClosed(code, reason);
        }

        void fail() {
            handler.onFailure(new IOException("connection reset"));
        }

        List<JsonNode> frames() {
            return sent.stream().map(FakeConnection::parse).toList();
        }

        List<JsonNode> frames(String type) {
            return frames().stream().filter(f -> f.path("type").asText().equals(type)).toList();
        }

        /** Waits until {@code count} frames of {@code type} were sent; returns them. */
        List<JsonNode> awaitFrames(String type, int count) {
            await().until(() -> frames(type).size() >= count);
            return frames(type);
        }

        String authId() {
            return awaitFrames("auth", 1).getFirst().get("id").asText();
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

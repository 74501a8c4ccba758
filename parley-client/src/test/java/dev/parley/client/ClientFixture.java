package dev.parley.client;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Builds clients over a {@link FakeTransport} with test-sized timings. */
final class ClientFixture implements AutoCloseable {
    final FakeTransport transport = new FakeTransport();
    final RecordingListener listener = new RecordingListener();
    final CursorStore store = CursorStore.inMemory();
    private ParleyClient client;

    ParleyClient client() {
        return client(b -> b);
    }

    ParleyClient client(UnaryOperator<ParleyClientBuilder> tweak) {
        ParleyClientBuilder builder = ParleyClient.builder(URI.create("http://localhost:1"), "tok")
                .transport(transport)
                .listener(listener)
                .cursorStore(store)
                .name("test")
                .jitter(() -> 0.0)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .ackCoalescing(Duration.ofMillis(20), 100)
                .requestTimeout(Duration.ofSeconds(5))
                .sendRetryInterval(Duration.ofSeconds(30))
                .pingInterval(Duration.ofMinutes(5))
                .closeTimeout(Duration.ofMillis(200));
        client = tweak.apply(builder).build();
        return client;
    }

    /** Connects and answers the auth with {@code ready(cursor)}; returns the server side of the connection. */
    FakeTransport.FakeConnection connected(ParleyClient c, long cursor) {
        c.connect();
        return transport.connection(0).ready(cursor);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}

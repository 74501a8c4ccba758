package dev.parley.bench.jmh;

import dev.parley.core.model.Event;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Signal;
import dev.parley.core.model.Update;
import dev.parley.core.port.Connection;
import dev.parley.core.routing.Fanout;
import dev.parley.core.routing.InProcessConnectionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Fanout} over the {@link InProcessConnectionRegistry}: what the store's writer thread does after each commit
 * (it runs on that single thread, so its time per batch delays the next commit). Batches as the writer hands them:
 * {@code direct256} — 256 one-to-one messages of one batch, 512 entries for 512 users; {@code group1024} — one
 * message to a 1024-member group. One connected device per user (fake {@link Connection}s that only count).
 * Time per batch; divide by the entries for the cost per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FanoutBenchmark {
    @Param({"direct256", "group1024"})
    public String batch;

    private Fanout fanout;
    private List<Update> updates;

    @Setup
    public void setup() {
        InProcessConnectionRegistry registry = new InProcessConnectionRegistry();
        for (long user = 1; user <= 20_000; user++) {
            registry.register(new CountingConnection(user));
        }
        fanout = new Fanout(registry);
        updates = new ArrayList<>();
        Instant now = Instant.now();
        if (batch.equals("direct256")) {
            for (int k = 0; k < 256; k++) {
                long a = 2 * k + 1;
                Message m = new Message(k + 1, 7, "id" + k, a, a, "c" + k, MessageKind.TEXT, "hello", null, now, null);
                updates.add(new Update(a, 100, new Event.MessageAdded(m)));
                updates.add(new Update(a + 1, 100, new Event.MessageAdded(m)));
            }
        } else {
            Message m = new Message(1, 7, "id", 1, 1, "c", MessageKind.TEXT, "hello", null, now, null);
            for (long user = 1; user <= 1024; user++) {
                updates.add(new Update(user, 100, new Event.MessageAdded(m)));
            }
        }
    }

    @Benchmark
    public void fanout(Blackhole bh) {
        fanout.appended(updates);
        bh.consume(updates);
    }

    /** A live device that only counts what it is offered. */
    static final class CountingConnection implements Connection {
        private final long userId;
        long offered;

        CountingConnection(long userId) {
            this.userId = userId;
        }

        @Override
        public long userId() {
            return userId;
        }

        @Override
        public long deviceId() {
            return userId;
        }

        @Override
        public void offer(List<Update> list) {
            offered += list.size();
        }

        @Override
        public void signal(Signal signal) {
        }

        @Override
        public void close(CloseReason reason) {
        }
    }
}

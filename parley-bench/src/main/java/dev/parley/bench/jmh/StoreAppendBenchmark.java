package dev.parley.bench.jmh;

import dev.parley.bench.seed.Seeder;
import dev.parley.core.model.Draft;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.User;
import dev.parley.core.service.MessageIds;
import dev.parley.store.sql.SqlStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequencing and persistence of one-to-one messages: {@code MessageLog.append} on the SQL store (SQLite in a temp
 * dir, WAL, {@code synchronous=FULL}: every commit fsync'd) through its single writer with group commit. Each
 * append is an idempotency check, {@code last_seq + 1}, the message row and two update-stream entries.
 * {@code appendAlone}: one caller, so every append is its own commit (latency-bound by fsync);
 * {@code appendConcurrent}: 64 callers at once, so the writer batches them into shared commits (what the server
 * does under load). Throughput in appends per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreAppendBenchmark {
    private static final String TEXT = "Parley bench message: the quick brown fox jumps over the lazy dog 0123456789. "
            + "Parley bench m";
    private Path dir;
    private SqlStores stores;
    private List<User> users;
    private List<Long> chats;
    private final MessageIds ids = new MessageIds(Clock.systemUTC(), new SecureRandom());
    private final AtomicInteger nextThread = new AtomicInteger();
    private final AtomicLong nextClientId = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("parley-jmh-store");
        stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC());
        try (Seeder seeder = new Seeder(stores)) {
            users = seeder.users("jmh", 256);
            chats = seeder.pairs(users);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stores.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Each benchmark thread sends in its own direct chat, as its own user. */
    @State(Scope.Thread)
    public static class Sender {
        int pair;

        @Setup
        public void pick(StoreAppendBenchmark b) {
            pair = b.nextThread.getAndIncrement() % b.chats.size();
        }
    }

    @Benchmark
    @Threads(1)
    public Object appendAlone(Sender s) {
        return append(s);
    }

    @Benchmark
    @Threads(64)
    public Object appendConcurrent(Sender s) {
        return append(s);
    }

    private Object append(Sender s) {
        User from = users.get(2 * s.pair);
        return stores.messages().append(new Draft(chats.get(s.pair), ids.next(), from.id(), 1,
                "jmh-" + nextClientId.incrementAndGet(), MessageKind.TEXT, TEXT, null, Clock.systemUTC().instant()));
    }
}

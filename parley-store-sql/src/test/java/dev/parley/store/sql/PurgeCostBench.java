package dev.parley.store.sql;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Draft;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.User;
import dev.parley.core.service.MessageIds;
import dev.parley.core.service.RetentionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the until-delivered purge costs the senders, at the store level on SQLite (temp file, WAL,
 * synchronous=FULL). Not an assertion; on demand only:
 * <pre>
 * mvn -q -o -pl parley-store-sql test -Dbench=true -Dtest=PurgeCostBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@value #PAIRS} direct chats, one device per user. A backlog of {@value #BACKLOG} delivered messages (every device
 * acknowledged) waits for the purge. Then {@value #SENDERS} senders append {@value #SENDS} messages, once with no
 * purge running and once while the server's purge loop ({@link RetentionService#purge}: paced batches of 500)
 * deletes the backlog ({@code -Dunpaced=true -Dbatch=N}: raw store batches back to back, for comparison).
 * Numbers go to docs/benchmarks.md ("Purge cost").
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PurgeCostBench {
    private static final int PAIRS = 8;
    private static final int SENDERS = 8;
    private static final int BACKLOG = 20_000;
    private static final int SENDS = 4_000;
    private static final int BATCH = Integer.getInteger("batch", 500);
    private static final Retention POLICY = new Retention(Retention.Mode.UNTIL_DELIVERED, Duration.ofDays(30));

    private record Pair(Chat chat, User a, Device da, User b, Device db) {
    }

    @Test
    void printSendsPerSecondWithAndWithoutAPurge() throws Exception {
        Path dir = Files.createTempDirectory("parley-purge-bench-");
        try (SqlStores stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC())) {
            List<Pair> pairs = pairs(stores);
            send(stores, pairs, 200, "warm");
            double quiet = send(stores, pairs, SENDS, "quiet");
            send(stores, pairs, BACKLOG, "backlog");
            ackAll(stores, pairs);
            CountDownLatch stop = new CountDownLatch(1);
            AtomicLong purged = new AtomicLong();
            long purgeStart = System.nanoTime();
            try (ExecutorService purger = Executors.newSingleThreadExecutor()) {
                Future<?> loop = purger.submit(() -> {
                    purgeUntil(stores, stop, purged);
                    return null;
                });
                double busy = send(stores, pairs, SENDS, "busy");
                long duringSends = stores.database().read(c -> Jdbc.first(c,
                        "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL", row -> row.getLong(1))).orElseThrow();
                stop.countDown();
                loop.get();
                double purgeSeconds = (System.nanoTime() - purgeStart) / 1e9;
                System.out.printf(Locale.ROOT, "%nsends/s without purge: %.0f%nsends/s during purge: %.0f (%.0f%%)%n"
                        + "messages purged while the sends ran: %d; purge rate %.0f messages/s%n", quiet, busy,
                        100 * busy / quiet, duringSends, purged.get() / purgeSeconds);
            }
        } finally {
            Fixtures.deleteRecursively(dir);
        }
    }

    /**
     * The server's purge runs back to back: {@link RetentionService#purge} (paced batches of 500); with
     * {@code -Dunpaced=true} raw store batches of {@code -Dbatch} rows with no pause. Idles 50 ms when there is no work.
     */
    private static void purgeUntil(SqlStores stores, CountDownLatch stop, AtomicLong purged) throws Exception {
        RetentionService service = new RetentionService(stores.retention(), POLICY,
                new MessageIds(Clock.systemUTC(), new java.security.SecureRandom()), Clock.systemUTC());
        while (true) {
            PurgeReport r = Boolean.getBoolean("unpaced") ? stores.retention().purge(POLICY, Instant.now(), BATCH)
                    : service.purge();
            purged.addAndGet(r.purgedMessages());
            if (!r.more() && stop.await(50, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private static List<Pair> pairs(SqlStores stores) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            User a = user(stores, "a" + i);
            User b = user(stores, "b" + i);
            Device da = stores.accounts().addDevice(a.id(), "d", random(), Instant.now());
            Device db = stores.accounts().addDevice(b.id(), "d", random(), Instant.now());
            pairs.add(new Pair(stores.chats().openDirect(a.id(), b.id(), Instant.now()), a, da, b, db));
        }
        return pairs;
    }

    private static User user(SqlStores stores, String name) {
        return stores.accounts().createUser(new NewUser(name + UUID.randomUUID().toString().substring(0, 8), null,
                name, "x", Instant.now()));
    }

    private static byte[] random() {
        return UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void ackAll(SqlStores stores, List<Pair> pairs) {
        for (Pair p : pairs) {
            stores.receipts().acknowledge(p.a().id(), p.da().id(), stores.updates().head(p.a().id()));
            stores.receipts().acknowledge(p.b().id(), p.db().id(), stores.updates().head(p.b().id()));
        }
    }

    /** {@code total} sends spread over the senders (one per pair, a→b); returns sends per second. */
    private static double send(SqlStores stores, List<Pair> pairs, int total, String tag) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                Pair p = pairs.get(s % pairs.size());
                int sender = s;
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < total / SENDERS; i++) {
                        String clientId = tag + "-" + sender + "-" + i;
                        Object r = stores.messages().append(new Draft(p.chat().id(), clientId, p.a().id(),
                                p.da().id(), clientId, MessageKind.TEXT, "about a hundred bytes of text, as a chat"
                                + " message usually is, give or take a few words here", null, Instant.now()));
                        if (!(r instanceof Appended)) {
                            throw new IllegalStateException("send refused: " + r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}

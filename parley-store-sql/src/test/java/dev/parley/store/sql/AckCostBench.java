package dev.parley.store.sql;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Draft;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Watermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cost of an {@code acknowledge} (a device confirming its update stream up to a cursor) at the store level, on
 * SQLite (a temp file, WAL, synchronous=FULL). Not an assertion: it prints acks per second. On demand only:
 * <pre>
 * mvn -q -o -pl parley-store-sql -am test -Dbench=true -Dtest=AckCostBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@value #CHATS} direct chats with one device per user. Each round: every chat gets one message (not measured),
 * then every recipient acknowledges its stream (measured), which raises its deliveredSeq in that chat, records
 * the 'D' mark and appends a RECEIPT_MOVED to the sender. Acks run either one after the other (every ack its own
 * commit: fsync-bound) or all at once from virtual threads (group commit: writer-bound, what this measures).
 * Besides the wall-clock rate it prints the writer thread's CPU time per ack, which a shared machine's load
 * disturbs much less, and the same for the measured rounds' appends (always sent all at once).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AckCostBench {
    private static final int CHATS = 200;
    private static final int WARM_UP_ROUNDS = 20;
    private static final int ROUNDS = 20;

    /** One user with a device. */
    private record Account(long userId, long deviceId) {
    }

    @Test
    void printTheCostOfOneAck() throws Exception {
        System.out.printf("%n%-11s %6s %7s %9s %8s %17s %20s%n", "ackers", "acks", "commits", "acks/s", "ms/ack",
                "writer CPU µs/ack", "writer CPU µs/append");
        for (boolean concurrent : new boolean[] {false, true}) {
            measure(concurrent);
        }
    }

    private static void measure(boolean concurrent) throws Exception {
        Path dir = Files.createTempDirectory("parley-bench-");
        try (SqlStores stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC())) {
            List<Account> accounts = accounts(stores, 2 * CHATS);
            List<Long> chats = new ArrayList<>();
            for (int k = 0; k < CHATS; k++) {
                chats.add(stores.chats().openDirect(accounts.get(2 * k).userId(), accounts.get(2 * k + 1).userId(),
                        Instant.now()).id());
            }
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                sendOneEach(stores, accounts, chats, "warm-" + round);
                ackAll(stores, accounts, concurrent);
            }
            long nanos = 0;
            long cpuNanos = 0;
            long sendCpuNanos = 0;
            long acks = 0;
            long commitsBefore = stores.database().commits();
            long sendCommits = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long beforeSend = stores.database().commits();
                long sendCpuStart = Fixtures.writerCpuNanos();
                sendOneEach(stores, accounts, chats, "run-" + round);
                sendCpuNanos += Fixtures.writerCpuNanos() - sendCpuStart;
                sendCommits += stores.database().commits() - beforeSend;
                long start = System.nanoTime();
                long cpuStart = Fixtures.writerCpuNanos();
                acks += ackAll(stores, accounts, concurrent);
                cpuNanos += Fixtures.writerCpuNanos() - cpuStart;
                nanos += System.nanoTime() - start;
            }
            long ackCommits = stores.database().commits() - commitsBefore - sendCommits;
            System.out.printf(Locale.ROOT, "%-11s %6d %7d %9.0f %8.3f %17.1f %20.1f%n",
                    concurrent ? CHATS + " at once" : "1", acks, ackCommits, acks / (nanos / 1e9), nanos / 1e6 / acks,
                    cpuNanos / 1e3 / acks, sendCpuNanos / 1e3 / (ROUNDS * CHATS));
        } finally {
            Fixtures.deleteRecursively(dir);
        }
    }

    private static List<Account> accounts(SqlStores stores, int count) {
        SecureRandom random = new SecureRandom();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long user = stores.accounts().createUser(new NewUser("ack" + i, null, "ack" + i, null, Instant.now()))
                    .id();
            byte[] token = new byte[32];
            random.nextBytes(token);
            accounts.add(new Account(user, stores.accounts().addDevice(user, "bench", token, Instant.now()).id()));
        }
        return accounts;
    }

    /** One message in every chat from its first member, all at once (group commit). */
    private static void sendOneEach(SqlStores stores, List<Account> accounts, List<Long> chats, String tag)
            throws Exception {
        runAll(chats.size(), true, k -> {
            long sender = accounts.get(2 * k).userId();
            String clientId = tag + "-" + k;
            Object result = stores.messages().append(new Draft(chats.get(k), clientId, sender, 1, clientId,
                    MessageKind.TEXT, "hello", null, Instant.now()));
            if (!(result instanceof Appended)) {
                throw new IllegalStateException("send " + clientId + " was refused: " + result);
            }
            return 1;
        });
    }

    /** Every recipient acknowledges its whole stream; returns the number of acks that moved a watermark. */
    private static long ackAll(SqlStores stores, List<Account> accounts, boolean concurrent) throws Exception {
        return runAll(accounts.size() / 2, concurrent, k -> {
            Account recipient = accounts.get(2 * k + 1);
            List<Watermark> moved = stores.receipts().acknowledge(recipient.userId(), recipient.deviceId(),
                    Long.MAX_VALUE);
            if (moved.size() != 1) {
                throw new IllegalStateException("ack of user " + recipient.userId() + " moved " + moved
                        + "; expected exactly one watermark");
            }
            return 1;
        });
    }

    /** Runs {@code work(0 … count-1)}, all at once or one after the other; returns the sum of the results. */
    private static long runAll(int count, boolean concurrent, IntWork work) throws Exception {
        if (!concurrent) {
            long sum = 0;
            for (int k = 0; k < count; k++) {
                sum += work.run(k);
            }
            return sum;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int index = k;
                futures.add(threads.submit(() -> work.run(index)));
            }
            long sum = 0;
            for (Future<Integer> future : futures) {
                sum += future.get();
            }
            return sum;
        }
    }

    @FunctionalInterface
    private interface IntWork {
        int run(int index) throws Exception;
    }
}

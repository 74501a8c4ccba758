package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Draft;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.User;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite adapter promises beyond the contracts: group commit, savepoint isolation, durability. */
class SqliteGroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private SqlStores stores;
    private final AtomicInteger clientIds = new AtomicInteger();

    @BeforeEach
    void open() {
        stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void concurrentAppendsShareCommits() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Chat chat = stores.chats().openDirect(alice.id(), bob.id(), T0);
        long before = stores.database().commits();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                User sender = t % 2 == 0 ? alice : bob;
                senders.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        stores.messages().append(draft(chat, sender));
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        }

        long commits = stores.database().commits() - before;
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(400);
        assertThat(commits).as("400 appends in %d commits", commits).isLessThan(400);
    }

    @Test
    void aFailingTaskRollsBackOnlyItselfInsideTheBatch() throws Exception {
        SqlDatabase database = stores.database();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = writeAsync(database, tx -> {
            running.countDown();
            await().until(() -> release.getCount() == 0);
            return null;
        });
        await().until(() -> running.getCount() == 0);
        long before = database.commits();

        CompletableFuture<Object> good1 = insertUserAsync(database, "good1", false);
        CompletableFuture<Object> bad = insertUserAsync(database, "bad", true);
        CompletableFuture<Object> good2 = insertUserAsync(database, "good2", false);
        await().until(() -> database.queuedWrites() == 3);
        release.countDown();
        blocker.get();

        assertThat(good1.get()).isEqualTo(1);
        assertThat(good2.get()).isEqualTo(1);
        assertThatThrownBy(bad::get).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("task bad fails after its insert");
        assertThat(database.commits() - before).as("blocker batch + one batch of three").isEqualTo(2);
        assertThat(stores.accounts().userByUsername("good1")).isPresent();
        assertThat(stores.accounts().userByUsername("good2")).isPresent();
        assertThat(stores.accounts().userByUsername("bad")).isEmpty();
    }

    @Test
    void aTasksExceptionReachesTheCallerAsTheSameInstance() {
        RuntimeException plain = new IllegalStateException("refused by the task");
        RuntimeException completion = new CompletionException("the task's own CompletionException", plain);

        for (RuntimeException thrown : List.of(plain, completion)) {
            assertThatThrownBy(() -> stores.database().write(tx -> {
                throw thrown;
            })).isSameAs(thrown);
        }
    }

    @Test
    void theWriterCommitsDurablyInWalMode() {
        List<Object> pragmas = stores.database().write(tx -> List.of(
                pragma(tx, "journal_mode"), pragma(tx, "synchronous"), pragma(tx, "foreign_keys"),
                pragma(tx, "busy_timeout")));

        assertThat(pragmas).as("journal_mode, synchronous (2 = FULL), foreign_keys, busy_timeout")
                .containsExactly("wal", "2", "1", "10000");
    }

    @Test
    void aTransientFailureRunsTheTaskAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = stores.database().write(tx -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SQLException("database is locked", "HY000", 5);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void writesAfterCloseAreRefused() {
        stores.close();

        assertThatThrownBy(() -> user("late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsNamingTheFile() {
        Path missing = dir.resolve("no-such-folder").resolve("parley.db");

        assertThatThrownBy(() -> SqlStores.sqlite(missing, Clock.systemUTC())).isInstanceOf(SqlStoreException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        User alice = user("alice");
        User bob = user("bob");
        Device phone = stores.accounts().addDevice(bob.id(), "phone", new byte[] {1, 2, 3}, T0);
        Chat chat = stores.chats().openDirect(alice.id(), bob.id(), T0);
        Draft first = draft(chat, alice);
        stores.messages().append(first);
        stores.messages().append(draft(chat, alice));
        stores.receipts().acknowledge(bob.id(), phone.id(), 3);
        stores.receipts().markRead(bob.id(), chat.id(), 1, true);
        var streamBefore = stores.updates().read(alice.id(), 0, 100);
        stores.close();

        stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC());

        assertThat(stores.accounts().userByUsername("alice")).contains(alice);
        assertThat(stores.accounts().deviceByTokenHash(new byte[] {1, 2, 3})).isPresent();
        assertThat(stores.updates().ackedCursor(phone.id())).isEqualTo(3);
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
        assertThat(stores.chats().member(chat.id(), bob.id()).orElseThrow().readSeq()).isEqualTo(1);
        assertThat(stores.messages().history(chat.id(), new HistoryQuery(null, null, 10), 0, Long.MAX_VALUE)
                .messages()).hasSize(2);
        assertThat(stores.updates().read(alice.id(), 0, 100)).isEqualTo(streamBefore);
        assertThat(stores.messages().append(first)).as("idempotency survives the restart")
                .isInstanceOfSatisfying(Appended.class, a -> assertThat(a.duplicate()).isTrue());
    }

    private static Object pragma(WriteTx tx, String name) throws SQLException {
        return Jdbc.first(tx.connection(), "PRAGMA " + name, row -> row.getString(1)).orElseThrow();
    }

    private User user(String name) {
        return stores.accounts().createUser(new NewUser(name, null, name, "hash", T0));
    }

    private Draft draft(Chat chat, User sender) {
        String clientId = "client-" + clientIds.incrementAndGet();
        return new Draft(chat.id(), "id-" + clientId, sender.id(), 1, clientId, MessageKind.TEXT, "text", null, T0);
    }

    private static CompletableFuture<Object> insertUserAsync(SqlDatabase database, String name, boolean fail) {
        return writeAsync(database, tx -> {
            int rows = Jdbc.update(tx.connection(), "INSERT INTO users (username, created_at) VALUES (?, 0)", name);
            if (fail) {
                throw new IllegalStateException("task " + name + " fails after its insert");
            }
            return rows;
        });
    }

    /** Submits the task from a new virtual thread. */
    private static CompletableFuture<Object> writeAsync(SqlDatabase database, WriteTask<Object> task) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(database.write(task));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}

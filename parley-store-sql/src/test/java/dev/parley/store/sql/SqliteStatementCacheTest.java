package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared statements the SQLite connections keep ({@link StatementCache}, {@link SqliteConnections}): reused,
 * and still right after failures, savepoint rollbacks, commits and the readers' rollbacks.
 */
class SqliteStatementCacheTest {
    private static final String INSERT = "INSERT INTO scratch (id, note) VALUES (?, ?)";
    private static final String COUNT = "SELECT COUNT(*) FROM scratch";
    private static final String NOTES = "SELECT note FROM scratch ORDER BY id";

    @TempDir
    java.nio.file.Path dir;
    private SqlDatabase database;

    @BeforeEach
    void open() {
        database = SqlDatabase.sqlite(dir.resolve("parley.db"));
        database.write(tx -> Jdbc.update(tx.connection(),
                "CREATE TABLE scratch (id INTEGER PRIMARY KEY, note TEXT NOT NULL)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aStatementIsPreparedOnceAndThenReused() {
        insert(1, "one");
        long prepared = database.write(tx -> cache(tx.connection()).prepared());
        insert(2, "two");
        insert(3, "three");
        long preparedAfter = database.write(tx -> cache(tx.connection()).prepared());
        assertThat(preparedAfter).isEqualTo(prepared);
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void aStatementThatFailedInARolledBackSavepointIsNotReusedAndTheSameSqlWorksAfter() {
        insert(1, "one");
        assertThatThrownBy(() -> insert(1, "again")).hasMessageContaining("UNIQUE");
        insert(2, "two");
        assertThat(notes()).containsExactly("one", "two");
    }

    @Test
    void aFailureInsideOneTaskOfABatchLeavesTheOtherTasksStatementsWorking() throws Exception {
        insert(1, "one");
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> blocker = threads.submit(() -> database.write(tx -> {
                writerBusy.countDown();
                return awaitOrFail(release);
            }));
            writerBusy.await(10, TimeUnit.SECONDS);
            Future<?> failing = threads.submit(() -> insert(1, "duplicate"));
            Future<?> fine = threads.submit(() -> insert(2, "two"));
            awaitQueued(2);
            release.countDown();
            blocker.get();
            assertThatThrownBy(failing::get).hasMessageContaining("UNIQUE");
            fine.get();
        }
        insert(3, "three");
        assertThat(notes()).containsExactly("one", "two", "three");
    }

    @Test
    void afterAWholeBatchWasRolledBackTheCachedStatementsStillWork() {
        insert(1, "one");
        assertThatThrownBy(() -> database.write(tx -> {
            Jdbc.update(tx.connection(), INSERT, 2L, "rolled back with its batch");
            throw new AssertionError("an Error fails the whole batch");
        })).isInstanceOf(AssertionError.class);
        insert(3, "three");
        assertThat(notes()).containsExactly("one", "three");
    }

    @Test
    void aDiscardedTaskRollsBackWhatItsCachedStatementsWrote() {
        insert(1, "one");
        database.write(tx -> {
            Jdbc.update(tx.connection(), INSERT, 2L, "discarded");
            tx.discard();
            return null;
        });
        insert(3, "three");
        assertThat(notes()).containsExactly("one", "three");
    }

    @Test
    void aReaderSeesWhatWasCommittedAfterItsPreviousReadWithTheSameStatement() {
        for (int i = 1; i <= 6; i++) {
            insert(i, "note " + i);
            // first() leaves rows unread: the cached statement must not keep the old snapshot
            String firstNote = database.read(c -> Jdbc.first(c, NOTES, row -> row.getString(1)).orElseThrow());
            assertThat(firstNote).isEqualTo("note 1");
            assertThat(count()).isEqualTo(i);
        }
    }

    @Test
    void aStatementWhoseRowMapperThrewIsClosedAndTheSqlStillWorks() {
        insert(1, "one");
        assertThatThrownBy(() -> database.read(c -> Jdbc.list(c, NOTES, row -> {
            throw new IllegalStateException("mapper refused " + row.getString(1));
        }))).hasMessage("mapper refused one");
        assertThat(notes()).containsExactly("one");
    }

    @Test
    void theSameSqlNestedInsideItsOwnRowMapperGetsAStatementOfItsOwn() {
        insert(1, "one");
        insert(2, "two");
        List<List<String>> nested = database.read(c -> Jdbc.list(c, NOTES, row -> Jdbc.list(c, NOTES,
                inner -> row.getString(1) + "/" + inner.getString(1))));
        assertThat(nested).containsExactly(List.of("one/one", "one/two"), List.of("two/one", "two/two"));
        assertThat(notes()).containsExactly("one", "two");
    }

    @Test
    void batchesReuseTheirStatementWithTheBatchCleared() {
        database.write(tx -> {
            Jdbc.batch(tx.connection(), INSERT, List.of(new Object[] {1L, "one"}, new Object[] {2L, "two"}));
            return null;
        });
        database.write(tx -> {
            Jdbc.batch(tx.connection(), INSERT, List.<Object[]>of(new Object[] {3L, "three"}));
            return null;
        });
        assertThat(notes()).containsExactly("one", "two", "three");
    }

    @Test
    void aConnectionGivenBackCannotBeUsedAndClosingItTwiceIsHarmless() throws SQLException {
        Connection[] kept = new Connection[1];
        database.read(c -> kept[0] = c);
        kept[0].close();
        assertThat(kept[0].isClosed()).isTrue();
        assertThatThrownBy(() -> Jdbc.first(kept[0], COUNT, row -> row.getLong(1)))
                .isInstanceOf(SQLException.class).hasMessageContaining("given back");
        assertThat(count()).isZero();
    }

    @Test
    void inListsArePaddedToPowersOfTwoWithTheLastValue() {
        assertThat(Jdbc.paddedInList(List.of(7L))).containsExactly(7L);
        assertThat(Jdbc.paddedInList(List.of(1L, 2L))).containsExactly(1L, 2L);
        assertThat(Jdbc.paddedInList(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
        assertThat(Jdbc.paddedInList(List.of(1L, 2L, 3L, 4L, 5L))).hasSize(8).endsWith(5L, 5L, 5L, 5L);
        assertThatThrownBy(() -> Jdbc.paddedInList(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the writer within 10 s");
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding the writer", e);
        }
    }

    private void awaitQueued(int tasks) {
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> database.queuedWrites() >= tasks);
    }

    private void insert(long id, String note) {
        database.write(tx -> Jdbc.update(tx.connection(), INSERT, id, note));
    }

    private long count() {
        return database.read(c -> Jdbc.first(c, COUNT, row -> row.getLong(1)).orElseThrow());
    }

    private List<String> notes() {
        return database.read(c -> Jdbc.list(c, NOTES, row -> row.getString(1)));
    }

    private static StatementCache cache(Connection connection) throws SQLException {
        return ((StatementCache.Owner) connection).statements();
    }
}

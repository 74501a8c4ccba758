package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Update;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by V1 (direct chats only) keeps its data through V2 (groups), V3 (contacts, presence
 * settings), V4 (media: its old messages read back without media) and V5 (retention: the update entries already
 * stored are counted on their messages) on both engines.
 */
class MigrationTest {
    private static final String V1_DATA = """
            INSERT INTO users (id, username, update_head, created_at) VALUES (1, 'alice', 2, 0);
            INSERT INTO users (id, username, update_head, created_at) VALUES (2, 'bob', 2, 0);
            INSERT INTO chats (id, kind, direct_key, last_seq, created_at, last_activity)
                VALUES (1, 'DIRECT', '1:2', 1, 0, 5);
            INSERT INTO memberships (chat_id, user_id, role, join_seq) VALUES (1, 1, 'MEMBER', 0);
            INSERT INTO memberships (chat_id, user_id, role, join_seq) VALUES (1, 2, 'MEMBER', 0);
            INSERT INTO messages (chat_id, seq, id, sender_id, sender_device_id, client_id, kind, body, created_at)
                VALUES (1, 1, 'old-1', 1, 1, 'client-old-1', 'TEXT', 'from V1', 5);
            INSERT INTO updates (user_id, cursor, kind, chat_id, seq, created_at)
                VALUES (2, 1, 'MESSAGE_ADDED', 1, 1, 5);
            """;

    @TempDir
    Path dir;

    @Test
    void sqliteKeepsV1Messages() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("parley.db");
        migrateToV1(url, "sqlite", null, null);
        run(url, null, null);

        try (SqlStores stores = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC())) {
            assertV1DataSurvived(stores);
            assertV5CountedTheStoredEntries(stores);
        }
    }

    @Test
    void postgresKeepsV1Messages() throws SQLException {
        String schema = "parley_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run(Fixtures.POSTGRES_URL, Fixtures.POSTGRES_USER, "CREATE SCHEMA " + schema);
        String url = Fixtures.POSTGRES_URL + "?currentSchema=" + schema;
        try {
            migrateToV1(url, "postgresql", Fixtures.POSTGRES_USER, "");
            run(url, Fixtures.POSTGRES_USER, null);
            try (SqlStores stores = SqlStores.postgres(url, Fixtures.POSTGRES_USER, "", Clock.systemUTC())) {
                assertV1DataSurvived(stores);
                assertV5CountedTheStoredEntries(stores);
            }
        } finally {
            run(Fixtures.POSTGRES_URL, Fixtures.POSTGRES_USER, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void assertV1DataSurvived(SqlStores stores) {
        List<Message> history = stores.messages().history(1, new HistoryQuery(null, null, 10), 0, Long.MAX_VALUE)
                .messages();
        assertThat(history).containsExactly(new Message(1, 1, "old-1", 1, 1, "client-old-1", MessageKind.TEXT,
                "from V1", null, Instant.ofEpochMilli(5), null));
        Draft again = new Draft(1, "new-id", 1, 1, "client-old-1", MessageKind.TEXT, "resent", null, Instant.now());
        assertThat(stores.messages().append(again)).as("the unique (sender, client id) key survived the rebuild")
                .isInstanceOfSatisfying(Appended.class, a -> assertThat(a.duplicate()).isTrue());
        assertThat(stores.chats().chatsOf(2).getFirst().unread()).isEqualTo(1);
        assertThat(stores.accounts().userById(1).orElseThrow().settings()).as("V3 defaults for existing users")
                .isEqualTo(Settings.DEFAULTS);
        assertThat(stores.lastSeen().lastSeen(1)).isEmpty();
    }

    /** Bob's V1 entry outlives the TTL: the message it was the last entry of is purged, so it had been counted. */
    private static void assertV5CountedTheStoredEntries(SqlStores stores) {
        Retention policy = new Retention(Retention.Mode.UNTIL_DELIVERED, Duration.ofDays(1));
        PurgeReport report = stores.retention().purge(policy, Instant.ofEpochMilli(5).plus(Duration.ofDays(2)), 10);
        assertThat(report.expiredEntries()).isEqualTo(1);
        assertThat(report.purgedMessages()).as("the V1 entry was counted on its message by V5").isEqualTo(1);
        assertThat(stores.messages().history(1, new HistoryQuery(null, null, 10), 0, Long.MAX_VALUE).messages())
                .isEmpty();
        assertThat(stores.updates().read(2, 0, 10)).extracting(Update::event)
                .containsExactly(new Expired(1, 1, 1, Expired.Reason.TTL));
    }

    private static void migrateToV1(String url, String folder, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/" + folder)
                .target("1").load().migrate();
    }

    /** Runs {@code sql} (or the V1 data when null), statement by statement. */
    private static void run(String url, String user, String sql) throws SQLException {
        try (Connection connection = user == null ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            for (String one : (sql == null ? V1_DATA : sql).split(";")) {
                if (!one.isBlank()) {
                    statement.execute(one);
                }
            }
        }
    }
}

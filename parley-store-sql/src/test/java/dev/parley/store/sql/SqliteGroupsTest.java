package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Draft;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.ReceiptInfo;
import dev.parley.testkit.time.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQL adapter promises for groups beyond the contracts: IN-list chunking, exact receipt times. */
class SqliteGroupsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private SqlStores stores;

    @BeforeEach
    void open() {
        stores = SqlStores.sqlite(dir.resolve("parley.db"), clock);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aGroupLargerThanOneInListReachesEveryMember() {
        int size = UpdateEntries.HEADS_PER_STATEMENT * 2 + 100;
        List<Long> ids = insertUsers(stores.database(), size);
        Message created = stores.groups().create(new NewGroup(ids.getFirst(), 1, "created", new GroupInfo("big", null,
                null), GroupSettings.DEFAULTS, ids.subList(1, size), size, T0));

        Message sent = ((Appended) stores.messages().append(new Draft(created.chatId(), "m-1", ids.get(7), 1, "c-1",
                MessageKind.TEXT, "hello all", null, T0))).message();

        assertThat(stores.chats().members(created.chatId())).hasSize(size);
        assertThat(count("SELECT COUNT(*) FROM updates WHERE chat_id = ? AND seq = ?", created.chatId(), sent.seq()))
                .isEqualTo(size);
        assertThat(count("SELECT COUNT(*) FROM users WHERE update_head = 3")).isEqualTo(size);
        assertThat(stores.updates().read(ids.getLast(), 2, 10)).hasSize(1);
    }

    @Test
    void messageInfoGivesTheTimeOfTheFirstMoveThatReachedTheMessage() {
        List<Long> ids = insertUsers(stores.database(), 3);
        long alice = ids.get(0);
        long bob = ids.get(1);
        long bobsPhone = stores.accounts().addDevice(bob, "phone", new byte[] {1}, T0).id();
        Message created = stores.groups().create(new NewGroup(alice, 1, "created", new GroupInfo("g", null, null),
                GroupSettings.DEFAULTS, ids.subList(1, 3), 10, T0));
        long chat = created.chatId();
        append(chat, alice, "m2");
        append(chat, alice, "m3");

        clock.advance(Duration.ofSeconds(10));
        stores.receipts().acknowledge(bob, bobsPhone, 3);
        clock.advance(Duration.ofSeconds(10));
        stores.receipts().acknowledge(bob, bobsPhone, 4);
        clock.advance(Duration.ofSeconds(10));
        stores.receipts().markRead(bob, chat, 3, true);

        assertThat(info(chat, 2, bob)).isEqualTo(new ReceiptInfo(bob, T0.plusSeconds(10), T0.plusSeconds(30)));
        assertThat(info(chat, 3, bob)).isEqualTo(new ReceiptInfo(bob, T0.plusSeconds(20), T0.plusSeconds(30)));
        assertThat(info(chat, 3, ids.get(2))).isEqualTo(new ReceiptInfo(ids.get(2), null, null));
    }

    private void append(long chat, long sender, String clientId) {
        stores.messages().append(new Draft(chat, "id-" + clientId, sender, 1, clientId, MessageKind.TEXT, clientId,
                null, T0));
    }

    private ReceiptInfo info(long chat, long seq, long userId) {
        return stores.receipts().messageInfo(chat, seq).stream().filter(i -> i.userId() == userId).findFirst()
                .orElseThrow();
    }

    private long count(String sql, Object... params) {
        return stores.database().read(c -> Jdbc.first(c, sql, row -> row.getLong(1), params).orElseThrow());
    }

    /** {@code count} users named u0, u1 … in one write; their ids in order. */
    static List<Long> insertUsers(SqlDatabase database, int count) {
        return database.write(tx -> {
            Connection c = tx.connection();
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (username, created_at) VALUES (?, 0)")) {
                for (int i = 0; i < count; i++) {
                    Jdbc.bind(insert, "u" + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return Jdbc.list(c, "SELECT id FROM users ORDER BY id", row -> row.getLong(1));
        });
    }
}

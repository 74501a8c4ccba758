package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Update;
import dev.parley.core.model.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stores (two "nodes", each with its own writer) on one PostgreSQL schema: the sequencing and
 * uniqueness rules must hold through the database's row locks and constraints, not the in-process writer.
 */
class PostgresTwoNodesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String schema = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private SqlStores nodeA;
    private SqlStores nodeB;

    @BeforeEach
    void open() throws SQLException {
        execute("CREATE SCHEMA " + schema);
        String url = Fixtures.POSTGRES_URL + "?currentSchema=" + schema;
        nodeA = SqlStores.postgres(url, Fixtures.POSTGRES_USER, "", Clock.systemUTC());
        nodeB = SqlStores.postgres(url, Fixtures.POSTGRES_USER, "", Clock.systemUTC());
    }

    @AfterEach
    void close() throws SQLException {
        nodeA.close();
        nodeB.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void bothNodesOpenTheSameDirectChat() throws Exception {
        User alice = user("alice");
        User bob = user("bob");

        List<Chat> chats = onBothNodes(8, i -> node(i).chats().openDirect(alice.id(), bob.id(), T0));

        assertThat(chats).extracting(Chat::id).containsOnly(chats.getFirst().id());
        assertThat(nodeA.updates().head(alice.id())).isEqualTo(1);
        assertThat(nodeB.updates().head(bob.id())).isEqualTo(1);
    }

    @Test
    void appendsFromBothNodesGetGaplessSeqsAndCursors() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        Chat withBob = nodeA.chats().openDirect(alice.id(), bob.id(), T0);
        Chat withCarol = nodeB.chats().openDirect(alice.id(), carol.id(), T0);

        onBothNodes(8, i -> {
            Chat chat = i % 4 < 2 ? withBob : withCarol;
            for (int n = 0; n < 20; n++) {
                node(i).messages().append(draft(chat, alice, UUID.randomUUID().toString()));
            }
            return null;
        });

        assertThat(nodeA.chats().chat(withBob.id()).orElseThrow().lastSeq()).isEqualTo(80);
        assertThat(nodeB.chats().chat(withCarol.id()).orElseThrow().lastSeq()).isEqualTo(80);
        List<Update> aliceStream = nodeA.updates().read(alice.id(), 0, 1000);
        assertThat(aliceStream).extracting(Update::cursor).isEqualTo(range(1, 162));
        assertThat(seqsOf(aliceStream, withBob.id())).isEqualTo(range(1, 80));
        assertThat(seqsOf(aliceStream, withCarol.id())).isEqualTo(range(1, 80));
        assertThat(seqsOf(nodeB.updates().read(bob.id(), 0, 1000), withBob.id())).isEqualTo(range(1, 80));
    }

    @Test
    void theSameClientIdOnBothNodesStoresOneMessage() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Chat chat = nodeA.chats().openDirect(alice.id(), bob.id(), T0);

        List<AppendResult> results = onBothNodes(8, i -> node(i).messages().append(draft(chat, alice, "retry-me")));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Appended.class));
        assertThat(results).filteredOn(r -> !((Appended) r).duplicate()).hasSize(1);
        assertThat(results).extracting(r -> ((Appended) r).message().seq()).containsOnly(1L);
        assertThat(nodeB.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(nodeB.updates().head(bob.id())).isEqualTo(2);
    }

    private SqlStores node(int i) {
        return i % 2 == 0 ? nodeA : nodeB;
    }

    private User user(String name) {
        return nodeA.accounts().createUser(new NewUser(name, null, name, "hash", T0));
    }

    private static Draft draft(Chat chat, User sender, String clientId) {
        return new Draft(chat.id(), UUID.randomUUID().toString(), sender.id(), 1, clientId, MessageKind.TEXT, "t",
                null, T0);
    }

    private static List<Long> seqsOf(List<Update> stream, long chatId) {
        return stream.stream().map(Update::event).filter(MessageAdded.class::isInstance)
                .map(e -> ((MessageAdded) e).message()).filter(m -> m.chatId() == chatId).map(m -> m.seq()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            values.add(v);
        }
        return values;
    }

    private static <T> List<T> onBothNodes(int threads, IntFunction<T> work) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit((Callable<T>) () -> work.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Fixtures.POSTGRES_URL, Fixtures.POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

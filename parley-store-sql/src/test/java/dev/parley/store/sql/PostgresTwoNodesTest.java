package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Event.GroupReceipt;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.GroupChange;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.Update;
import dev.parley.core.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores (two "nodes", each with its own writer) on one PostgreSQL schema: the sequencing and
 * uniqueness rules must hold through the database's row locks and constraints, not the in-process writer.
 */
class PostgresTwoNodesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    final TwoPostgresNodes nodes = new TwoPostgresNodes();

    @Test
    void bothNodesOpenTheSameDirectChat() throws Exception {
        User alice = user("alice");
        User bob = user("bob");

        List<Chat> chats = TwoPostgresNodes.concurrently(8, i -> nodes.node(i).chats().openDirect(alice.id(), bob.id(), T0));

        assertThat(chats).extracting(Chat::id).containsOnly(chats.getFirst().id());
        assertThat(nodes.a().updates().head(alice.id())).isEqualTo(1);
        assertThat(nodes.b().updates().head(bob.id())).isEqualTo(1);
    }

    @Test
    void appendsFromBothNodesGetGaplessSeqsAndCursors() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        Chat withBob = nodes.a().chats().openDirect(alice.id(), bob.id(), T0);
        Chat withCarol = nodes.b().chats().openDirect(alice.id(), carol.id(), T0);

        TwoPostgresNodes.concurrently(8, i -> {
            Chat chat = i % 4 < 2 ? withBob : withCarol;
            for (int n = 0; n < 20; n++) {
                nodes.node(i).messages().append(draft(chat, alice, UUID.randomUUID().toString()));
            }
            return null;
        });

        assertThat(nodes.a().chats().chat(withBob.id()).orElseThrow().lastSeq()).isEqualTo(80);
        assertThat(nodes.b().chats().chat(withCarol.id()).orElseThrow().lastSeq()).isEqualTo(80);
        List<Update> aliceStream = nodes.a().updates().read(alice.id(), 0, 1000);
        assertThat(aliceStream).extracting(Update::cursor).isEqualTo(range(1, 162));
        assertThat(seqsOf(aliceStream, withBob.id())).isEqualTo(range(1, 80));
        assertThat(seqsOf(aliceStream, withCarol.id())).isEqualTo(range(1, 80));
        assertThat(seqsOf(nodes.b().updates().read(bob.id(), 0, 1000), withBob.id())).isEqualTo(range(1, 80));
    }

    @Test
    void theSameClientIdOnBothNodesStoresOneMessage() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Chat chat = nodes.a().chats().openDirect(alice.id(), bob.id(), T0);

        List<AppendResult> results = TwoPostgresNodes.concurrently(8, i -> nodes.node(i).messages().append(draft(chat, alice, "retry-me")));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Appended.class));
        assertThat(results).filteredOn(r -> !((Appended) r).duplicate()).hasSize(1);
        assertThat(results).extracting(r -> ((Appended) r).message().seq()).containsOnly(1L);
        assertThat(nodes.b().chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(nodes.b().updates().head(bob.id())).isEqualTo(2);
    }

    @Test
    void aRemovalOnOneNodeCutsTheRemovedMembersStreamForSendsOnBoth() throws Exception {
        List<User> users = users("alice", "bob", "carol", "dave", "erin");
        User alice = users.getFirst();
        User bob = users.get(1);
        long chat = group(users);

        List<Long> removal = TwoPostgresNodes.concurrently(7, i -> {
            if (i == 6) {
                return List.of(nodes.a().groups().apply(chat, alice.id(), 1, "removal", state -> removeBob(bob),
                        T0).orElseThrow().seq());
            }
            User sender = users.get(2 + i % 3);
            for (int n = 0; n < 15; n++) {
                nodes.node(i).messages().append(new Draft(chat, UUID.randomUUID().toString(), sender.id(), 1,
                        UUID.randomUUID().toString(), MessageKind.TEXT, "t", null, T0));
            }
            return List.<Long>of();
        }).getLast();

        long lastSeq = nodes.b().chats().chat(chat).orElseThrow().lastSeq();
        assertThat(lastSeq).isEqualTo(1 + 6 * 15 + 1);
        assertThat(seqsOf(nodes.b().updates().read(bob.id(), 0, 1000), chat)).isEqualTo(range(1, removal.getFirst()));
        assertThat(seqsOf(nodes.a().updates().read(users.get(4).id(), 0, 1000), chat)).isEqualTo(range(1, lastSeq));
    }

    @Test
    void concurrentAcksOnBothNodesNeverLoseTheSendersGroupReceipt() throws Exception {
        List<User> users = users("alice", "m1", "m2", "m3", "m4", "m5", "m6");
        User alice = users.getFirst();
        long chat = group(users);
        List<Long> devices = users.stream().map(u -> nodes.a().accounts().addDevice(u.id(), "phone",
                ("token-" + u.id()).getBytes(), T0).id()).toList();

        for (int round = 0; round < 5; round++) {
            long seq = ((Appended) nodes.a().messages().append(new Draft(chat, "m-" + round, alice.id(), devices.getFirst(),
                    "c-" + round, MessageKind.TEXT, "round " + round, null, T0))).message().seq();
            TwoPostgresNodes.concurrently(users.size() - 1, i -> {
                User member = users.get(i + 1);
                return nodes.node(i).receipts().acknowledge(member.id(), devices.get(i + 1),
                        nodes.node(i).updates().head(member.id()));
            });
            List<GroupReceipt> receipts = nodes.a().updates().read(alice.id(), 0, 1000).stream().map(Update::event)
                    .filter(GroupReceipt.class::isInstance).map(GroupReceipt.class::cast).toList();
            assertThat(receipts).as("round %d", round).isNotEmpty();
            assertThat(receipts.getLast().deliveredSeq()).as("round %d", round).isEqualTo(seq);
        }
    }

    private static GroupChange removeBob(User bob) {
        return new GroupChange(new SystemEvent(SystemEvent.Action.REMOVED, 0, List.of(bob.id()), null, null, null),
                List.of(new GroupChange.MemberChange.Leave(bob.id())), null, null);
    }

    /** A group of the users, the first one owning it; its chat id. */
    private long group(List<User> users) {
        List<Long> members = users.subList(1, users.size()).stream().map(User::id).toList();
        return nodes.a().groups().create(new NewGroup(users.getFirst().id(), 1, "created", new GroupInfo("g", null, null),
                GroupSettings.DEFAULTS, members, 100, T0)).chatId();
    }

    private List<User> users(String... names) {
        return Arrays.stream(names).map(this::user).toList();
    }

    private User user(String name) {
        return nodes.a().accounts().createUser(new NewUser(name, null, name, "hash", T0));
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
}

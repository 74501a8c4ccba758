package dev.parley.testkit.contract;

import static dev.parley.testkit.contract.GroupCommands.add;
import static dev.parley.testkit.contract.GroupCommands.info;
import static dev.parley.testkit.contract.GroupCommands.remove;
import static dev.parley.testkit.contract.GroupCommands.setRole;
import static dev.parley.testkit.contract.GroupCommands.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.GroupState;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import dev.parley.core.model.Update;
import dev.parley.core.port.GroupCommand;
import dev.parley.core.port.GroupStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link GroupStore}: creation, sequenced membership and info changes, and what each member's
 * update stream holds (ARCHITECTURE.md §2.5). Invite links and join requests: {@link GroupLinksContract}.
 */
public abstract class GroupStoreContract extends StoreContractSupport {

    private GroupStore groups() {
        return stores.groups();
    }

    @Test
    void createIsTheChatsSeqOneWithOwnerMembersAndBothEntriesInEveryStream() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        GroupInfo info = new GroupInfo("Climbing", "Fridays", "media:42");
        GroupSettings settings = new GroupSettings(true, false);
        Instant at = now();

        Message created = groups().create(new NewGroup(alice.id(), alice.device().id(), "entry-1", info, settings,
                List.of(carol.id(), bob.id()), 50, at));

        long chatId = created.chatId();
        SystemEvent event = new SystemEvent(Action.CREATED, alice.id(), List.of(carol.id(), bob.id()), null, info,
                settings);
        assertThat(created).isEqualTo(new Message(chatId, 1, "entry-1", alice.id(), alice.device().id(), null,
                MessageKind.SYSTEM, null, null, at, event));
        assertThat(stores.chats().chat(chatId)).contains(new Chat(chatId, ChatKind.GROUP, 1, at));
        assertThat(groups().group(chatId)).contains(new Group(chatId, info, settings, alice.id(), 50));
        assertThat(stores.chats().members(chatId)).containsExactly(
                new Member(chatId, alice.id(), Role.OWNER, 1, Long.MAX_VALUE, 1, 1),
                new Member(chatId, bob.id(), Role.MEMBER, 1, Long.MAX_VALUE, 1, 1),
                new Member(chatId, carol.id(), Role.MEMBER, 1, Long.MAX_VALUE, 1, 1));
        ChatCreated chatCreated = new ChatCreated(chatId, ChatKind.GROUP, List.of(alice.id(), bob.id(), carol.id()));
        for (Account member : List.of(alice, bob, carol)) {
            assertThat(stream(member.id())).containsExactly(new Update(member.id(), 1, chatCreated),
                    new Update(member.id(), 2, new MessageAdded(created)));
        }
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(6));
        assertThat(listener.of(bob.id())).isEqualTo(stream(bob.id()));
    }

    @Test
    void groupAndApplyAreEmptyForDirectAndUnknownChats() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat direct = direct(alice, bob);
        AtomicReference<GroupState> seen = new AtomicReference<>();
        GroupCommand command = state -> {
            seen.set(state);
            return add(alice.id()).decide(state);
        };

        assertThat(groups().group(direct.id())).isEmpty();
        assertThat(groups().group(424242)).isEmpty();
        assertThat(groups().apply(direct.id(), alice.id(), alice.device().id(), "x-1", command, now())).isEmpty();
        assertThat(groups().apply(424242, alice.id(), alice.device().id(), "x-2", command, now())).isEmpty();

        assertThat(seen).as("the command never ran").hasNullValue();
        assertThat(stores.chats().chat(direct.id()).orElseThrow().lastSeq()).isZero();
        assertThat(send(direct, alice, "no seq was burnt").seq()).isEqualTo(1);
    }

    @Test
    void theCommandSeesTheStateAsOfTheSeqBeforeItsEntry() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        send(chat, bob, "seq 2");
        AtomicReference<GroupState> seen = new AtomicReference<>();

        Message entry = apply(chat, alice, state -> {
            seen.set(state);
            return info(alice.id(), new GroupInfo("Renamed", null, null)).decide(state);
        });

        assertThat(entry.seq()).isEqualTo(3);
        assertThat(seen.get().lastSeq()).isEqualTo(2);
        assertThat(seen.get().group()).as("the info before the change").isEqualTo(new Group(chat.id(),
                new GroupInfo("Group of alice", null, null), GroupSettings.DEFAULTS, alice.id(), 256));
        assertThat(seen.get().activeMembers()).extracting(Member::userId).containsExactly(alice.id(), bob.id());
        assertThat(seen.get().active(alice.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
    }

    @Test
    void joinAddsActiveMembersAtTheNewSeqWithChatCreatedBeforeTheEntry() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Account dave = account("dave");
        Chat chat = group(alice, bob);

        Message added = apply(chat, alice, add(alice.id(), carol.id(), dave.id()));

        assertThat(added.seq()).isEqualTo(2);
        assertThat(added.system()).isEqualTo(new SystemEvent(Action.ADDED, alice.id(), List.of(carol.id(), dave.id()),
                null, null, null));
        assertThat(stores.chats().member(chat.id(), carol.id()))
                .contains(new Member(chat.id(), carol.id(), Role.MEMBER, 2, Long.MAX_VALUE, 2, 2));
        List<Long> everyone = List.of(alice.id(), bob.id(), carol.id(), dave.id());
        for (Account newcomer : List.of(carol, dave)) {
            assertThat(stream(newcomer.id())).containsExactly(
                    new Update(newcomer.id(), 1, new ChatCreated(chat.id(), ChatKind.GROUP, everyone)),
                    new Update(newcomer.id(), 2, new MessageAdded(added)));
        }
        assertThat(stream(bob.id())).last().isEqualTo(new Update(bob.id(), 3, new MessageAdded(added)));
    }

    @Test
    void aRemovedMemberGetsTheRemovalEntryAndNothingAfter() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = group(alice, bob, carol);
        Message before = send(chat, carol, "before");

        Message removal = apply(chat, alice, remove(alice.id(), bob.id()));
        send(chat, carol, "after");
        apply(chat, alice, info(alice.id(), new GroupInfo("Renamed", null, null)));

        assertThat(removal.seq()).isEqualTo(3);
        assertThat(stream(bob.id())).extracting(Update::event).containsExactly(
                new ChatCreated(chat.id(), ChatKind.GROUP, List.of(alice.id(), bob.id(), carol.id())),
                new MessageAdded(history(chat).getFirst()), new MessageAdded(before), new MessageAdded(removal));
        assertThat(stores.chats().member(chat.id(), bob.id()))
                .contains(new Member(chat.id(), bob.id(), Role.MEMBER, 1, 3, 1, 1));
        assertThat(stores.chats().members(chat.id())).extracting(Member::userId)
                .containsExactly(alice.id(), bob.id(), carol.id());
        assertThat(stores.messages().append(draft(chat.id(), bob, "late", "too late")))
                .isEqualTo(new AppendResult.NotMember(chat.id(), bob.id()));
        assertThat(stream(carol.id())).hasSize(2 + 4);
    }

    @Test
    void aReAddedMembersWindowStartsAtTheNewJoin() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        Message removal = apply(chat, alice, remove(alice.id(), bob.id()));
        Message missed = send(chat, alice, "while bob was out");

        Message readded = apply(chat, alice, add(alice.id(), bob.id()));
        Message after = send(chat, alice, "welcome back");

        assertThat(missed.seq()).isEqualTo(3);
        assertThat(stores.chats().member(chat.id(), bob.id()))
                .contains(new Member(chat.id(), bob.id(), Role.MEMBER, 4, Long.MAX_VALUE, 4, 4));
        assertThat(stream(bob.id())).extracting(Update::event).containsExactly(
                new ChatCreated(chat.id(), ChatKind.GROUP, List.of(alice.id(), bob.id())),
                new MessageAdded(history(chat).getFirst()), new MessageAdded(removal),
                new ChatCreated(chat.id(), ChatKind.GROUP, List.of(alice.id(), bob.id())),
                new MessageAdded(readded), new MessageAdded(after));
    }

    @Test
    void rolesInfoAndSettingsChangeWithTheirEntries() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        GroupInfo tricky = new GroupInfo("a|b\\c \\0 ü 🧗", "", null);

        Message promoted = apply(chat, alice, setRole(alice.id(), bob.id(), Role.ADMIN));
        Message renamed = apply(chat, bob, info(bob.id(), tricky));
        Message restricted = apply(chat, bob, settings(bob.id(), new GroupSettings(true, true)));

        assertThat(stores.chats().member(chat.id(), bob.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(promoted.system()).isEqualTo(new SystemEvent(Action.ROLE_CHANGED, alice.id(), List.of(bob.id()),
                Role.ADMIN, null, null));
        assertThat(renamed.senderId()).isEqualTo(bob.id());
        assertThat(groups().group(chat.id())).contains(
                new Group(chat.id(), tricky, new GroupSettings(true, true), alice.id(), 256));
        assertThat(history(chat)).containsExactly(history(chat).getFirst(), promoted, renamed, restricted);
        assertThat(stream(alice.id()).getLast().event()).isEqualTo(new MessageAdded(restricted));
        await().untilAsserted(() -> assertThat(listener.of(alice.id())).isEqualTo(stream(alice.id())));
    }

    @Test
    void aThrowingCommandWritesNothingAndItsExceptionReachesTheCallerUnchanged() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(4));
        Refused refusal = new Refused("bob may not be promoted in chat " + chat.id());
        GroupCommand refusing = state -> {
            throw refusal;
        };

        assertThatThrownBy(() -> groups().apply(chat.id(), alice.id(), alice.device().id(), "refused", refusing,
                now())).isSameAs(refusal);

        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(stores.updates().head(alice.id())).isEqualTo(2);
        assertThat(apply(chat, alice, setRole(alice.id(), bob.id(), Role.ADMIN)).seq()).as("no seq was burnt")
                .isEqualTo(2);
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(6));
    }

    @Test
    void aCommandChangingANonMemberIsRefusedAndWritesNothing() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = group(alice, bob);

        assertThatThrownBy(() -> apply(chat, alice, remove(alice.id(), carol.id())))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> apply(chat, alice, add(alice.id(), bob.id())))
                .isInstanceOf(RuntimeException.class);

        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(stores.chats().member(chat.id(), carol.id())).isEmpty();
    }

    @Test
    void aRemovalRacingWithSendsCutsTheRemovedMembersStreamExactlyAtItsSeq() throws Exception {
        Account alice = account("alice");
        Account bob = account("bob");
        List<Account> senders = List.of(alice, account("carol"), account("dave"), account("erin"));
        Chat chat = group(alice, bob, senders.get(1), senders.get(2), senders.get(3));
        int perSender = 25;
        CountDownLatch warmedUp = new CountDownLatch(senders.size());

        List<Long> removal = concurrently(senders.size() + 1, t -> {
            if (t == senders.size()) {
                awaitQuietly(warmedUp);
                return List.of(apply(chat, alice, remove(alice.id(), bob.id())).seq());
            }
            for (int i = 0; i < perSender; i++) {
                send(chat, senders.get(t), "t" + t + "-" + i);
                if (i == 4) {
                    warmedUp.countDown();
                }
            }
            return List.<Long>of();
        }).getLast();

        long leaveSeq = removal.getFirst();
        long lastSeq = 1 + senders.size() * perSender + 1;
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(lastSeq);
        assertThat(leaveSeq).as("the removal raced with the sends").isBetween(2L + 5 * senders.size(), lastSeq - 1);
        assertThat(entrySeqs(stream(bob.id()))).as("bob: everything up to and including his removal")
                .isEqualTo(oneTo(leaveSeq));
        for (Account member : senders) {
            assertThat(entrySeqs(stream(member.id()))).as("user %d gets every entry in seq order", member.id())
                    .isEqualTo(oneTo(lastSeq));
        }
        assertThat(((MessageAdded) stream(bob.id()).getLast().event()).message().system().action())
                .isEqualTo(Action.REMOVED);
    }

    /** A domain refusal of the kind the core throws from a command. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the senders", e);
        }
    }

    private List<Message> history(Chat chat) {
        return stores.messages().history(chat.id(), new HistoryQuery(null, null, 500), 0, Long.MAX_VALUE)
                .messages();
    }

    private static List<Long> entrySeqs(List<Update> entries) {
        return entries.stream().map(Update::event).filter(MessageAdded.class::isInstance)
                .map(e -> ((MessageAdded) e).message().seq()).toList();
    }
}

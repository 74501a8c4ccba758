package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.ChatSummary;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.Update;
import dev.parley.core.port.ChatStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link ChatStore}. */
public abstract class ChatStoreContract extends StoreContractSupport {

    private ChatStore chats() {
        return stores.chats();
    }

    @Test
    void openDirectReturnsTheSameChatWhoeverAsks() {
        Account alice = account("alice");
        Account bob = account("bob");
        Instant at = now();

        Chat first = chats().openDirect(alice.id(), bob.id(), at);
        Chat second = chats().openDirect(bob.id(), alice.id(), now());

        assertThat(first.kind()).isEqualTo(ChatKind.DIRECT);
        assertThat(first.lastSeq()).isZero();
        assertThat(first.createdAt()).isEqualTo(at);
        assertThat(second).isEqualTo(first);
        assertThat(chats().chat(first.id())).contains(first);
    }

    @Test
    void directChatsOfDifferentPairsDiffer() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");

        assertThat(direct(alice, bob).id()).isNotEqualTo(direct(alice, carol).id());
    }

    @Test
    void creatingADirectChatAppendsChatCreatedToBothStreamsOnce() {
        Account alice = account("alice");
        Account bob = account("bob");

        Chat chat = direct(alice, bob);
        direct(bob, alice);

        ChatCreated expected = new ChatCreated(chat.id(), ChatKind.DIRECT,
                List.of(Math.min(alice.id(), bob.id()), Math.max(alice.id(), bob.id())));
        assertThat(stream(alice.id())).containsExactly(new Update(alice.id(), 1, expected));
        assertThat(stream(bob.id())).containsExactly(new Update(bob.id(), 1, expected));
        await().untilAsserted(() -> assertThat(listener.all()).containsExactlyInAnyOrder(
                new Update(alice.id(), 1, expected), new Update(bob.id(), 1, expected)));
    }

    @Test
    void concurrentOpenDirectCreatesOneChat() throws Exception {
        Account alice = account("alice");
        Account bob = account("bob");

        List<Chat> opened = concurrently(8, i -> i % 2 == 0
                ? chats().openDirect(alice.id(), bob.id(), now())
                : chats().openDirect(bob.id(), alice.id(), now()));

        assertThat(opened).extracting(Chat::id).containsOnly(opened.getFirst().id());
        assertThat(stream(alice.id())).hasSize(1);
        assertThat(stream(bob.id())).hasSize(1);
        assertThat(chats().chatsOf(alice.id())).hasSize(1);
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(2));
    }

    @Test
    void openDirectWithOneselfIsRefused() {
        Account alice = account("alice");

        assertThatThrownBy(() -> chats().openDirect(alice.id(), alice.id(), now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(chats().chatsOf(alice.id())).isEmpty();
    }

    @Test
    void openDirectWithAnUnknownUserCreatesNothing() {
        Account alice = account("alice");

        assertThatThrownBy(() -> chats().openDirect(alice.id(), 424242, now())).isInstanceOf(RuntimeException.class);
        assertThat(chats().chatsOf(alice.id())).isEmpty();
        assertThat(stores.updates().head(alice.id())).isZero();
    }

    @Test
    void bothUsersAreActiveMembersWithZeroWatermarks() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = direct(alice, bob);

        Member aliceMember = new Member(chat.id(), alice.id(), Role.MEMBER, 0, Long.MAX_VALUE, 0, 0);
        Member bobMember = new Member(chat.id(), bob.id(), Role.MEMBER, 0, Long.MAX_VALUE, 0, 0);
        assertThat(chats().members(chat.id())).containsExactlyInAnyOrder(aliceMember, bobMember);
        assertThat(chats().member(chat.id(), alice.id())).contains(aliceMember);
        assertThat(aliceMember.active()).isTrue();
        assertThat(chats().member(chat.id(), carol.id())).isEmpty();
    }

    @Test
    void directPeersAreTheOtherMembersOfTheUsersDirectChatsOnly() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Account dave = account("dave");
        direct(carol, alice);
        direct(alice, bob);
        group(alice, dave);

        assertThat(chats().directPeers(alice.id())).containsExactly(bob.id(), carol.id());
        assertThat(chats().directPeers(bob.id())).containsExactly(alice.id());
        assertThat(chats().directPeers(dave.id())).as("a group makes no direct peer").isEmpty();
    }

    @Test
    void unknownChatsAreEmpty() {
        assertThat(chats().chat(424242)).isEmpty();
        assertThat(chats().members(424242)).isEmpty();
        assertThat(chats().member(424242, 1)).isEmpty();
    }

    @Test
    void chatsOfListsNewestActivityFirst() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat withBob = direct(alice, bob);
        Chat withCarol = direct(alice, carol);

        assertThat(chats().chatsOf(alice.id())).extracting(s -> s.chat().id())
                .containsExactly(withCarol.id(), withBob.id());

        send(withBob, bob, "hi");

        assertThat(chats().chatsOf(alice.id())).extracting(s -> s.chat().id())
                .containsExactly(withBob.id(), withCarol.id());
        assertThat(chats().chatsOf(bob.id())).extracting(s -> s.chat().id()).containsExactly(withBob.id());
        assertThat(chats().chatsOf(account("dave").id())).isEmpty();
    }

    @Test
    void chatsOfCarriesMembersLastMessageAndUnread() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, bob, "one");
        send(chat, bob, "two");
        Message last = send(chat, alice, "three");

        ChatSummary summary = chats().chatsOf(alice.id()).getFirst();

        assertThat(summary.chat()).isEqualTo(new Chat(chat.id(), ChatKind.DIRECT, 3, chat.createdAt()));
        assertThat(summary.members()).extracting(Member::userId).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(summary.lastMessage()).isEqualTo(last);
        assertThat(summary.unread()).as("bob's two messages; alice's own do not count").isEqualTo(2);
        assertThat(summary.group()).as("a direct chat has no group data").isNull();
        assertThat(chats().chatsOf(bob.id()).getFirst().unread()).isEqualTo(1);
    }

    @Test
    void chatsOfShowsEmptyChatWithoutLastMessage() {
        Account alice = account("alice");
        Account bob = account("bob");
        direct(alice, bob);

        ChatSummary summary = chats().chatsOf(alice.id()).getFirst();

        assertThat(summary.lastMessage()).isNull();
        assertThat(summary.unread()).isZero();
    }

    @Test
    void chatsOfReflectsWatermarks() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, alice, "one");
        send(chat, alice, "two");
        stores.receipts().acknowledge(bob.id(), bob.device().id(), stores.updates().head(bob.id()));
        stores.receipts().markRead(bob.id(), chat.id(), 1, true);

        ChatSummary seenByAlice = chats().chatsOf(alice.id()).getFirst();
        Member bobInChat = seenByAlice.members().stream().filter(m -> m.userId() == bob.id()).findFirst()
                .orElseThrow();

        assertThat(bobInChat.deliveredSeq()).isEqualTo(2);
        assertThat(bobInChat.readSeq()).isEqualTo(1);
        assertThat(chats().chatsOf(bob.id()).getFirst().unread()).isEqualTo(1);
    }

    @Test
    void chatsOfListsGroupsWithTheirGroupDataAndCountsNoSystemEntryAsUnread() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        send(chat, bob, "one");
        apply(chat, bob, GroupCommands.info(bob.id(), new GroupInfo("Renamed", "d", null)));
        Message last = send(chat, bob, "two");
        apply(chat, alice, GroupCommands.setRole(alice.id(), bob.id(), Role.ADMIN));

        ChatSummary summary = chats().chatsOf(alice.id()).getFirst();

        assertThat(summary.chat()).isEqualTo(new Chat(chat.id(), ChatKind.GROUP, 5, chat.createdAt()));
        assertThat(summary.group()).isEqualTo(new Group(chat.id(), new GroupInfo("Renamed", "d", null),
                GroupSettings.DEFAULTS, alice.id(), 256));
        assertThat(summary.members()).extracting(Member::userId).containsExactly(alice.id(), bob.id());
        assertThat(summary.lastMessage().system().action()).isEqualTo(SystemEvent.Action.ROLE_CHANGED);
        assertThat(summary.unread()).as("bob's two messages, not the system entries").isEqualTo(2);
        assertThat(chats().chatsOf(bob.id()).getFirst().unread()).as("only alice's system entry").isZero();
        stores.receipts().markRead(alice.id(), chat.id(), last.seq(), true);
        assertThat(chats().chatsOf(alice.id()).getFirst().unread()).isZero();
    }

    @Test
    void aRemovedMemberStillSeesTheGroupUpToTheRemoval() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = group(alice, bob, carol);
        send(chat, alice, "seen by bob");
        send(chat, carol, "also seen by bob");
        Message removal = apply(chat, alice, GroupCommands.remove(alice.id(), bob.id()));
        Chat later = direct(bob, account("dave"));
        send(chat, carol, "after bob left");

        List<ChatSummary> bobs = chats().chatsOf(bob.id());

        assertThat(bobs).extracting(s -> s.chat().id()).as("ordered by what bob saw last")
                .containsExactly(later.id(), chat.id());
        ChatSummary summary = bobs.getLast();
        Member bobInChat = new Member(chat.id(), bob.id(), Role.MEMBER, 1, removal.seq(), 1, 1);
        assertThat(summary.members()).as("the active members and bob's own past membership")
                .extracting(Member::userId).containsExactly(alice.id(), bob.id(), carol.id());
        assertThat(summary.members()).contains(bobInChat);
        assertThat(summary.lastMessage()).isEqualTo(removal);
        assertThat(summary.unread()).as("two messages inside bob's window").isEqualTo(2);
        assertThat(summary.group()).isNotNull();
        assertThat(chats().member(chat.id(), bob.id())).contains(bobInChat);
        assertThat(chats().chatsOf(carol.id()).getFirst().members()).extracting(Member::userId)
                .containsExactly(alice.id(), carol.id());
    }

    @Test
    void aReAddedMemberHasOneCurrentMembership() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        apply(chat, alice, GroupCommands.remove(alice.id(), bob.id()));
        send(chat, alice, "while bob was out");
        Message readded = apply(chat, alice, GroupCommands.add(alice.id(), bob.id()));

        assertThat(chats().member(chat.id(), bob.id()))
                .contains(new Member(chat.id(), bob.id(), Role.MEMBER, 4, Long.MAX_VALUE, 4, 4));
        ChatSummary summary = chats().chatsOf(bob.id()).getFirst();
        assertThat(summary.lastMessage()).isEqualTo(readded);
        assertThat(summary.unread()).as("the message before the re-join is outside the window").isZero();
        assertThat(chats().members(chat.id())).hasSize(2);
    }
}

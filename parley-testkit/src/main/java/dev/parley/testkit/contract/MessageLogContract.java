package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.AppendResult.NotAllowed;
import dev.parley.core.model.AppendResult.NotMember;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Draft;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.HistoryPage;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import dev.parley.core.model.Update;
import dev.parley.core.port.MessageLog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of {@link MessageLog}: sequencing, idempotency, membership and fan-out into the update streams. */
public abstract class MessageLogContract extends StoreContractSupport {

    private MessageLog log() {
        return stores.messages();
    }

    @Test
    void appendAssignsSeqOneTwoThreeAndStoresTheDraft() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Draft draft = new Draft(chat.id(), "msg-1", alice.id(), alice.device().id(), "client-1", MessageKind.TEXT,
                "hello", null, now());

        AppendResult first = log().append(draft);
        Message second = send(chat, bob, "hi");
        Message third = send(chat, alice, "how are you?");

        assertThat(first).isEqualTo(new Appended(new Message(chat.id(), 1, "msg-1", alice.id(), alice.device().id(),
                "client-1", MessageKind.TEXT, "hello", null, draft.createdAt(), null), false));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(third.seq()).isEqualTo(3);
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(3);
    }

    @Test
    void replyToIsStored() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, alice, "question");
        Draft reply = new Draft(chat.id(), UUID.randomUUID().toString(), bob.id(), bob.device().id(), "c-2",
                MessageKind.TEXT, "answer", 1L, now());

        Message stored = ((Appended) log().append(reply)).message();

        assertThat(stored.replyTo()).isEqualTo(1L);
        assertThat(history(chat, 10).getLast()).isEqualTo(stored);
    }

    @Test
    void resendingAClientIdReturnsTheOriginalAndWritesNothing() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message original = ((Appended) log().append(draft(chat.id(), alice, "client-1", "hello"))).message();
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(4));

        AppendResult again = log().append(draft(chat.id(), alice, "client-1", "hello, edited"));

        assertThat(again).isEqualTo(new Appended(original, true));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(stores.updates().head(alice.id())).isEqualTo(2);
        assertThat(stores.updates().head(bob.id())).isEqualTo(2);
        send(chat, bob, "barrier: a later append is delivered after anything the duplicate could have caused");
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(6));
        assertThat(listener.all()).as("nothing for the duplicate: ChatCreated, original, barrier per user")
                .extracting(Update::cursor).containsExactlyInAnyOrder(1L, 1L, 2L, 2L, 3L, 3L);
    }

    @Test
    void resendingTheVerySameDraftReturnsTheOriginal() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Draft draft = draft(chat.id(), alice, "client-1", "hello");
        Message original = ((Appended) log().append(draft)).message();

        assertThat(log().append(draft)).isEqualTo(new Appended(original, true));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(stores.updates().head(bob.id())).isEqualTo(2);
    }

    @Test
    void aResendIsAnsweredWithTheOriginalEvenWhereTheSenderMayNoLongerSend() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        Message original = ((Appended) log().append(draft(chat.id(), bob, "b-1", "hi"))).message();
        apply(chat, bob, GroupCommands.leave(bob.id()));
        long lastSeq = stores.chats().chat(chat.id()).orElseThrow().lastSeq();

        assertThat(log().append(draft(chat.id(), bob, "b-1", "hi"))).isEqualTo(new Appended(original, true));
        assertThat(log().append(draft(424242, bob, "b-1", "hi"))).as("even naming a chat that does not exist")
                .isEqualTo(new Appended(original, true));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).as("no seq burnt").isEqualTo(lastSeq);
    }

    @Test
    void theSameClientIdFromAnotherSenderIsANewMessage() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);

        AppendResult fromAlice = log().append(draft(chat.id(), alice, "same", "a"));
        AppendResult fromBob = log().append(draft(chat.id(), bob, "same", "b"));

        assertThat(fromAlice).isInstanceOfSatisfying(Appended.class, a -> assertThat(a.duplicate()).isFalse());
        assertThat(fromBob).isInstanceOfSatisfying(Appended.class, a -> {
            assertThat(a.duplicate()).isFalse();
            assertThat(a.message().seq()).isEqualTo(2);
        });
    }

    @Test
    void nonMembersAndUnknownChatsGetNotMemberAndNothingIsWritten() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account mallory = account("mallory");
        Chat chat = direct(alice, bob);

        assertThat(log().append(draft(chat.id(), mallory, "m-1", "intrusion")))
                .isEqualTo(new NotMember(chat.id(), mallory.id()));
        assertThat(log().append(draft(424242, alice, "a-1", "nowhere"))).isEqualTo(new NotMember(424242, alice.id()));

        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isZero();
        assertThat(stores.updates().head(alice.id())).isEqualTo(1);
        assertThat(stores.updates().head(mallory.id())).isZero();
        assertThat(send(chat, alice, "first real message").seq()).as("no seq was burnt").isEqualTo(1);
    }

    @Test
    void everyActiveMemberGetsMessageAddedSenderIncluded() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);

        Message one = send(chat, alice, "one");
        Message two = send(chat, bob, "two");

        for (Account member : List.of(alice, bob)) {
            List<Update> entries = stream(member.id());
            assertThat(cursors(entries)).containsExactly(1L, 2L, 3L);
            assertThat(entries.subList(1, 3)).extracting(Update::event)
                    .containsExactly(new MessageAdded(one), new MessageAdded(two));
        }
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(6));
    }

    @Test
    void concurrentAppendsGetGaplessSeqsAndGaplessCursorsInSeqOrder() throws Exception {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        int threads = 8;
        int perThread = 50;

        List<List<Long>> seqs = concurrently(threads, t -> {
            Account sender = t % 2 == 0 ? alice : bob;
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(send(chat, sender, "t" + t + "-" + i).seq());
            }
            return mine;
        });

        int total = threads * perThread;
        assertThat(seqs.stream().flatMap(List::stream).sorted().toList()).isEqualTo(oneTo(total));
        seqs.forEach(mine -> assertThat(mine).as("one sender's seqs grow").isSorted());
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(total);
        for (Account member : List.of(alice, bob)) {
            List<Update> entries = stream(member.id());
            assertThat(cursors(entries)).isEqualTo(oneTo(total + 1));
            assertThat(messageSeqs(entries)).as("stream order is seq order").isEqualTo(oneTo(total));
        }
    }

    @Test
    void listenerGetsEveryEntryInCursorOrderPerUser() throws Exception {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);

        concurrently(4, t -> {
            for (int i = 0; i < 25; i++) {
                send(chat, t % 2 == 0 ? alice : bob, "m" + i);
            }
            return null;
        });

        await().untilAsserted(() -> assertThat(listener.of(alice.id())).hasSize(101));
        await().untilAsserted(() -> assertThat(listener.of(bob.id())).hasSize(101));
        assertThat(cursors(listener.of(alice.id()))).isEqualTo(oneTo(101));
        assertThat(cursors(listener.of(bob.id()))).isEqualTo(oneTo(101));
        assertThat(listener.of(alice.id())).isEqualTo(stream(alice.id()));
    }

    @Test
    void historyWithoutBoundsIsTheNewestPage() {
        Chat chat = chatWithMessages(10);

        assertPage(log().history(chat.id(), query(null, null, 3), 0, Long.MAX_VALUE), List.of(8L, 9L, 10L), true);
        assertPage(log().history(chat.id(), query(null, null, 10), 0, Long.MAX_VALUE), oneTo(10), false);
        assertPage(log().history(chat.id(), query(null, null, 50), 0, Long.MAX_VALUE), oneTo(10), false);
    }

    @Test
    void historyBeforeIsTheNewestPageBelow() {
        Chat chat = chatWithMessages(10);

        assertPage(log().history(chat.id(), query(5L, null, 2), 0, Long.MAX_VALUE), List.of(3L, 4L), true);
        assertPage(log().history(chat.id(), query(3L, null, 5), 0, Long.MAX_VALUE), List.of(1L, 2L), false);
        assertPage(log().history(chat.id(), query(1L, null, 5), 0, Long.MAX_VALUE), List.of(), false);
    }

    @Test
    void historyAfterIsTheOldestPageAbove() {
        Chat chat = chatWithMessages(10);

        assertPage(log().history(chat.id(), query(null, 7L, 2), 0, Long.MAX_VALUE), List.of(8L, 9L), true);
        assertPage(log().history(chat.id(), query(null, 8L, 2), 0, Long.MAX_VALUE), List.of(9L, 10L), false);
        assertPage(log().history(chat.id(), query(null, 0L, 3), 0, Long.MAX_VALUE), List.of(1L, 2L, 3L), true);
        assertPage(log().history(chat.id(), query(null, 10L, 3), 0, Long.MAX_VALUE), List.of(), false);
    }

    @Test
    void historyStaysInsideTheMembershipWindow() {
        Chat chat = chatWithMessages(10);

        assertPage(log().history(chat.id(), query(null, null, 10), 3, 8), List.of(4L, 5L, 6L, 7L), false);
        assertPage(log().history(chat.id(), query(null, null, 2), 3, 8), List.of(6L, 7L), true);
        assertPage(log().history(chat.id(), query(null, 0L, 2), 3, 8), List.of(4L, 5L), true);
        assertPage(log().history(chat.id(), query(null, 6L, 5), 3, 8), List.of(7L), false);
        assertPage(log().history(chat.id(), query(100L, null, 10), 3, 8), List.of(4L, 5L, 6L, 7L), false);
        assertPage(log().history(chat.id(), query(5L, null, 10), 3, 8), List.of(4L), false);
        assertPage(log().history(chat.id(), query(null, null, 10), 5, 6), List.of(), false);
    }

    @Test
    void historyOfAnEmptyOrUnknownChatIsEmpty() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));

        assertPage(log().history(chat.id(), query(null, null, 10), 0, Long.MAX_VALUE), List.of(), false);
        assertPage(log().history(424242, query(null, null, 10), 0, Long.MAX_VALUE), List.of(), false);
    }

    @Test
    void historyReturnsTheStoredMessages() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message one = send(chat, alice, "one");
        Message two = send(chat, bob, "two");

        assertThat(history(chat, 10)).containsExactly(one, two);
    }

    @Test
    void inAGroupWhereOnlyAdminsSendAMemberGetsNotAllowedAndNoSeqIsBurnt() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, new GroupSettings(true, false), bob);
        long bobHead = stores.updates().head(bob.id());

        assertThat(log().append(draft(chat.id(), bob, "b-1", "may I?"))).isEqualTo(new NotAllowed(chat.id(), bob.id()));

        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(stores.updates().head(bob.id())).isEqualTo(bobHead);
        assertThat(send(chat, alice, "the owner may").seq()).isEqualTo(2);
        apply(chat, alice, GroupCommands.setRole(alice.id(), bob.id(), Role.ADMIN));
        assertThat(send(chat, bob, "now an admin").seq()).isEqualTo(4);
        apply(chat, alice, GroupCommands.settings(alice.id(), GroupSettings.DEFAULTS));
        apply(chat, alice, GroupCommands.setRole(alice.id(), bob.id(), Role.MEMBER));
        assertThat(send(chat, bob, "everyone may again").seq()).isEqualTo(7);
    }

    @Test
    void membersWhoLeftAGroupGetNotMember() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        apply(chat, bob, GroupCommands.leave(bob.id()));

        assertThat(log().append(draft(chat.id(), bob, "b-1", "still here?")))
                .isEqualTo(new NotMember(chat.id(), bob.id()));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void systemEntriesAreInTheLogAndStreamsWithTheirEvent() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice, bob);
        Message text = send(chat, bob, "hi");
        GroupInfo info = new GroupInfo("New name", "with | pipes and \\ backslashes", "media:1");

        Message renamed = apply(chat, alice, GroupCommands.info(alice.id(), info));

        assertThat(renamed.kind()).isEqualTo(MessageKind.SYSTEM);
        assertThat(renamed.clientId()).isNull();
        assertThat(renamed.text()).isNull();
        assertThat(renamed.system()).isEqualTo(new SystemEvent(Action.INFO_CHANGED, alice.id(), List.of(), null,
                info, null));
        assertThat(text.system()).isNull();
        List<Message> all = history(chat, 10);
        assertThat(all).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(all.getFirst().system().action()).isEqualTo(Action.CREATED);
        assertThat(all.getLast()).isEqualTo(renamed);
        assertThat(stream(bob.id()).getLast().event()).isEqualTo(new MessageAdded(renamed));
    }

    @Test
    void historyWithTheCoresBoundsShowsAMembersOwnJoinAndRemovalEntries() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = group(alice);
        send(chat, alice, "before bob");
        apply(chat, alice, GroupCommands.add(alice.id(), bob.id()));
        send(chat, alice, "with bob");
        apply(chat, alice, GroupCommands.remove(alice.id(), bob.id()));
        send(chat, alice, "after bob");
        var bobInChat = stores.chats().member(chat.id(), bob.id()).orElseThrow();

        HistoryPage page = log().history(chat.id(), query(null, null, 10), bobInChat.joinSeq() - 1,
                bobInChat.leaveSeq() + 1);

        assertPage(page, List.of(3L, 4L, 5L), false);
        assertPage(log().history(chat.id(), query(null, 1L, 10), 0, Long.MAX_VALUE), List.of(2L, 3L, 4L, 5L, 6L),
                false);
        assertPage(log().history(chat.id(), query(Long.MAX_VALUE, null, 2), 0, Long.MAX_VALUE), List.of(5L, 6L),
                true);
    }

    private Chat chatWithMessages(int count) {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        for (int i = 1; i <= count; i++) {
            send(chat, i % 2 == 0 ? bob : alice, "message " + i);
        }
        return chat;
    }

    private List<Message> history(Chat chat, int limit) {
        return log().history(chat.id(), query(null, null, limit), 0, Long.MAX_VALUE).messages();
    }

    private static HistoryQuery query(Long before, Long after, int limit) {
        return new HistoryQuery(before, after, limit);
    }

    private static void assertPage(HistoryPage page, List<Long> seqs, boolean more) {
        assertThat(page.messages()).extracting(Message::seq).as("seqs of the page").isEqualTo(seqs);
        assertThat(page.more()).as("more").isEqualTo(more);
    }

    private static List<Long> messageSeqs(List<Update> entries) {
        return entries.stream().map(Update::event).filter(MessageAdded.class::isInstance)
                .map(e -> ((MessageAdded) e).message().seq()).toList();
    }
}

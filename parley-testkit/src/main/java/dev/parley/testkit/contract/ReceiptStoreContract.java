package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Event.GroupReceipt;
import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.ReceiptInfo;
import dev.parley.core.model.Update;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReceiptStore}. Fixture: alice and bob share a direct chat in which alice sent three
 * messages, so bob's stream is ChatCreated(1), MessageAdded seq 1..3 at cursors 2..4.
 */
public abstract class ReceiptStoreContract extends StoreContractSupport {
    private Account alice;
    private Account bob;
    private Chat chat;

    private ReceiptStore receipts() {
        return stores.receipts();
    }

    @BeforeEach
    void aliceSentThreeMessagesToBob() {
        alice = account("alice");
        bob = account("bob");
        chat = direct(alice, bob);
        for (int i = 1; i <= 3; i++) {
            send(chat, alice, "message " + i);
        }
    }

    @Test
    void acknowledgeRaisesDeliveredAndTellsOnlyTheOtherMember() {
        List<Watermark> moved = receipts().acknowledge(bob.id(), bob.device().id(), 4);

        assertThat(moved).containsExactly(new Watermark(chat.id(), bob.id(), 3, 0));
        assertThat(stores.updates().ackedCursor(bob.device().id())).isEqualTo(4);
        assertThat(member(bob).deliveredSeq()).isEqualTo(3);
        assertThat(receiptsIn(alice)).containsExactly(new ReceiptMoved(chat.id(), bob.id(), 3, 0, true));
        assertThat(stores.updates().head(bob.id())).as("nothing in the acker's own stream").isEqualTo(4);
    }

    @Test
    void acknowledgeRaisesDeliveredToTheHighestSeqInTheAckedRange() {
        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 3))
                .containsExactly(new Watermark(chat.id(), bob.id(), 2, 0));
        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 4))
                .containsExactly(new Watermark(chat.id(), bob.id(), 3, 0));

        assertThat(receiptsIn(alice)).containsExactly(
                new ReceiptMoved(chat.id(), bob.id(), 2, 0, true), new ReceiptMoved(chat.id(), bob.id(), 3, 0, true));
    }

    /**
     * Alice's stream: ChatCreated(1), her own messages 1..3 (cursors 2..4), then bob's reply seq 4 (cursor 5) and
     * her own seq 5 (cursor 6). Acknowledging only her own messages tells bob nothing; the range with his reply
     * raises her watermark to the highest seq in it, her own later message included.
     */
    @Test
    void acknowledgingOnlyYourOwnMessagesMovesNoWatermark() {
        Message reply = send(chat, bob, "reply");
        Message mine = send(chat, alice, "and mine");
        long bobHead = stores.updates().head(bob.id());

        assertThat(receipts().acknowledge(alice.id(), alice.device().id(), 4)).as("her own messages 1..3").isEmpty();

        assertThat(stores.updates().ackedCursor(alice.device().id())).as("the cursor still moves").isEqualTo(4);
        assertThat(member(alice).deliveredSeq()).isZero();
        assertThat(stores.updates().head(bob.id())).as("no receipt for bob").isEqualTo(bobHead);

        assertThat(receipts().acknowledge(alice.id(), alice.device().id(), 6))
                .containsExactly(new Watermark(chat.id(), alice.id(), mine.seq(), 0));
        assertThat(receiptsIn(bob)).containsExactly(new ReceiptMoved(chat.id(), alice.id(), mine.seq(), 0, true));
        assertThat(reply.seq()).isLessThan(mine.seq());
    }

    @Test
    void acknowledgeNeverMovesBackwards() {
        receipts().acknowledge(bob.id(), bob.device().id(), 4);
        long aliceHead = stores.updates().head(alice.id());

        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 2)).isEmpty();
        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 4)).isEmpty();

        assertThat(stores.updates().ackedCursor(bob.device().id())).isEqualTo(4);
        assertThat(member(bob).deliveredSeq()).isEqualTo(3);
        assertThat(stores.updates().head(alice.id())).as("nothing moved, nothing appended").isEqualTo(aliceHead);
    }

    @Test
    void acknowledgeIsCappedAtTheHead() {
        receipts().acknowledge(bob.id(), bob.device().id(), 1_000);

        assertThat(stores.updates().ackedCursor(bob.device().id())).isEqualTo(4);
        send(chat, alice, "four");
        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 5))
                .as("the entry appended after the capped ack is still acknowledged")
                .containsExactly(new Watermark(chat.id(), bob.id(), 4, 0));
    }

    @Test
    void acknowledgingEntriesWithoutMessagesMovesOnlyTheCursor() {
        long aliceHead = stores.updates().head(alice.id());

        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), 1)).as("only ChatCreated").isEmpty();

        assertThat(stores.updates().ackedCursor(bob.device().id())).isEqualTo(1);
        assertThat(member(bob).deliveredSeq()).isZero();
        assertThat(stores.updates().head(alice.id())).isEqualTo(aliceHead);
    }

    @Test
    void aSecondDeviceAckingTheSameRangeMovesNothing() {
        Device tablet = stores.accounts().addDevice(bob.id(), "tablet", sha256("bob-tablet"), now());
        Device phone = bob.device();
        receipts().acknowledge(bob.id(), phone.id(), 4);
        long aliceHead = stores.updates().head(alice.id());
        send(chat, alice, "four");

        assertThat(receipts().acknowledge(bob.id(), tablet.id(), 5))
                .containsExactly(new Watermark(chat.id(), bob.id(), 4, 0));
        assertThat(receipts().acknowledge(bob.id(), phone.id(), 5)).isEmpty();

        assertThat(stores.updates().head(alice.id())).as("one MessageAdded + one ReceiptMoved")
                .isEqualTo(aliceHead + 2);
    }

    @Test
    void revokedOrForeignDevicesCannotAcknowledge() {
        Device tablet = stores.accounts().addDevice(bob.id(), "tablet", sha256("bob-tablet-2"), now());
        stores.accounts().revokeDevice(bob.id(), tablet.id(), now());
        long tabletCursor = stores.updates().ackedCursor(tablet.id());
        stores.accounts().addDevice(bob.id(), "unused", sha256("bob-unused"), now());

        assertThat(receipts().acknowledge(bob.id(), tablet.id(), 4)).isEmpty();
        assertThat(receipts().acknowledge(alice.id(), bob.device().id(), 4)).isEmpty();

        assertThat(stores.updates().ackedCursor(tablet.id())).isEqualTo(tabletCursor);
        assertThat(stores.updates().ackedCursor(bob.device().id())).isZero();
        assertThat(member(bob).deliveredSeq()).isZero();
    }

    @Test
    void acknowledgeMovesOneWatermarkPerChat() {
        Account carol = account("carol");
        Chat withCarol = direct(carol, bob);
        send(withCarol, carol, "from carol");
        send(chat, alice, "four");
        long head = stores.updates().head(bob.id());

        List<Watermark> moved = receipts().acknowledge(bob.id(), bob.device().id(), head);

        assertThat(moved).containsExactlyInAnyOrder(new Watermark(chat.id(), bob.id(), 4, 0),
                new Watermark(withCarol.id(), bob.id(), 1, 0));
        assertThat(receiptsIn(alice)).containsExactly(new ReceiptMoved(chat.id(), bob.id(), 4, 0, true));
        assertThat(receiptsIn(carol)).containsExactly(new ReceiptMoved(withCarol.id(), bob.id(), 1, 0, true));
    }

    @Test
    void markReadClampsToLastSeqRaisesDeliveredAndTellsEveryMember() {
        var read = receipts().markRead(bob.id(), chat.id(), 100, false);

        assertThat(read).contains(new Watermark(chat.id(), bob.id(), 3, 3));
        assertThat(member(bob).readSeq()).isEqualTo(3);
        assertThat(member(bob).deliveredSeq()).isEqualTo(3);
        ReceiptMoved expected = new ReceiptMoved(chat.id(), bob.id(), 3, 3, false);
        assertThat(receiptsIn(alice)).containsExactly(expected);
        assertThat(receiptsIn(bob)).as("the reader's own devices learn it too").containsExactly(expected);
    }

    @Test
    void markReadPassesReadSharedThrough() {
        receipts().markRead(bob.id(), chat.id(), 1, true);
        receipts().markRead(bob.id(), chat.id(), 2, false);

        assertThat(receiptsIn(alice)).containsExactly(new ReceiptMoved(chat.id(), bob.id(), 1, 1, true),
                new ReceiptMoved(chat.id(), bob.id(), 2, 2, false));
    }

    @Test
    void markReadOnlyMovesForward() {
        receipts().markRead(bob.id(), chat.id(), 2, true);
        long aliceHead = stores.updates().head(alice.id());

        assertThat(receipts().markRead(bob.id(), chat.id(), 1, true)).contains(new Watermark(chat.id(), bob.id(), 2, 2));
        assertThat(receipts().markRead(bob.id(), chat.id(), 2, true)).contains(new Watermark(chat.id(), bob.id(), 2, 2));

        assertThat(member(bob).readSeq()).isEqualTo(2);
        assertThat(stores.updates().head(alice.id())).isEqualTo(aliceHead);
    }

    @Test
    void markReadNeverLowersDelivered() {
        receipts().acknowledge(bob.id(), bob.device().id(), 4);

        assertThat(receipts().markRead(bob.id(), chat.id(), 1, true)).contains(new Watermark(chat.id(), bob.id(), 3, 1));
        assertThat(member(bob).deliveredSeq()).isEqualTo(3);
    }

    @Test
    void markReadIsEmptyForNonMembersAndUnknownChats() {
        Account mallory = account("mallory");
        long aliceHead = stores.updates().head(alice.id());

        assertThat(receipts().markRead(mallory.id(), chat.id(), 3, true)).isEmpty();
        assertThat(receipts().markRead(bob.id(), 424242, 3, true)).isEmpty();

        assertThat(stores.updates().head(alice.id())).isEqualTo(aliceHead);
        assertThat(stores.chats().member(chat.id(), mallory.id())).isEmpty();
    }

    @Test
    void inAGroupAnAckTellsNoMemberButTheSenderOnceEveryOtherMemberDelivered() {
        Account carol = account("carol");
        Chat group = group(alice, bob, carol);
        send(group, alice, "g2");
        send(group, alice, "g3");

        assertThat(receipts().acknowledge(bob.id(), bob.device().id(), stores.updates().head(bob.id())))
                .contains(new Watermark(group.id(), bob.id(), 3, 1));
        assertThat(groupReceiptsIn(alice)).as("carol has not delivered yet").isEmpty();

        assertThat(receipts().acknowledge(carol.id(), carol.device().id(), stores.updates().head(carol.id())))
                .containsExactly(new Watermark(group.id(), carol.id(), 3, 1));
        assertThat(groupReceiptsIn(alice)).containsExactly(new GroupReceipt(group.id(), 3, 1));
        for (Account member : List.of(alice, bob, carol)) {
            assertThat(receiptsIn(member).stream().filter(r -> r.chatId() == group.id())).isEmpty();
        }
        assertThat(groupReceiptsIn(bob)).isEmpty();
        assertThat(groupReceiptsIn(carol)).isEmpty();
    }

    @Test
    void aGroupReceiptLeavesOutTheSendersOwnWatermark() {
        Account carol = account("carol");
        Chat group = group(alice, bob, carol);
        send(group, alice, "g2 from alice");
        send(group, bob, "g3 from bob");

        ackAll(carol);
        ackAll(bob);
        assertThat(groupReceiptsIn(alice)).as("bob and carol have g2 although alice acked nothing")
                .containsExactly(new GroupReceipt(group.id(), 3, 1));
        assertThat(groupReceiptsIn(bob)).as("alice has not delivered g3").isEmpty();

        ackAll(alice);
        assertThat(groupReceiptsIn(bob)).containsExactly(new GroupReceipt(group.id(), 3, 1));
        assertThat(groupReceiptsIn(alice)).as("nothing new of alice's is covered").hasSize(1);
    }

    @Test
    void inAGroupMarkReadTellsTheReadersOwnStreamAndTheSenderWhenAllRead() {
        Account carol = account("carol");
        Chat group = group(alice, bob, carol);
        send(group, alice, "g2");
        send(group, alice, "g3");

        assertThat(receipts().markRead(bob.id(), group.id(), 3, false))
                .contains(new Watermark(group.id(), bob.id(), 3, 3));
        assertThat(receiptsIn(bob)).containsExactly(new ReceiptMoved(group.id(), bob.id(), 3, 3, false));
        assertThat(receiptsIn(alice)).isEmpty();
        assertThat(receiptsIn(carol)).isEmpty();
        assertThat(groupReceiptsIn(alice)).isEmpty();

        receipts().markRead(carol.id(), group.id(), 3, true);
        assertThat(groupReceiptsIn(alice)).as("read receipts in groups are shared whatever bob's setting")
                .containsExactly(new GroupReceipt(group.id(), 3, 3));
        assertThat(member(group, carol).deliveredSeq()).isEqualTo(3);
    }

    @Test
    void aRemovedMemberGetsNoGroupReceiptAndDeliversUpToTheRemovalOnly() {
        Account carol = account("carol");
        Chat group = group(alice, bob, carol);
        send(group, bob, "g2 from bob");
        Message removal = apply(group, alice, GroupCommands.remove(alice.id(), bob.id()));
        long bobsHead = stores.updates().head(bob.id());

        ackAll(carol);
        ackAll(alice);
        send(group, carol, "g4 after bob left");
        ackAll(bob);

        assertThat(stores.updates().read(bob.id(), bobsHead, 100)).as("nothing of the group after the removal")
                .extracting(Update::event).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(ReceiptMoved.class,
                        r -> assertThat(r.chatId()).as("alice's ack of the direct chat").isEqualTo(chat.id())));
        assertThat(member(group, bob).deliveredSeq()).isEqualTo(removal.seq());
    }

    @Test
    void messageInfoGivesWhenEachOtherMemberFirstReceivedAndReadAMessage() {
        Account carol = account("carol");
        Account dave = account("dave");
        Chat group = group(alice, bob, carol);
        Message message = send(group, alice, "g2");
        ackAll(bob);
        receipts().markRead(bob.id(), group.id(), message.seq(), true);
        apply(group, alice, GroupCommands.add(alice.id(), dave.id()));
        ReceiptInfo first = infoOf(group, message, bob);

        send(group, alice, "g4");
        ackAll(bob);
        receipts().markRead(bob.id(), group.id(), 4, true);

        assertThat(first.deliveredAt()).isNotNull();
        assertThat(first.readAt()).isNotNull().isAfterOrEqualTo(first.deliveredAt());
        assertThat(infoOf(group, message, bob)).as("the first time stays").isEqualTo(first);
        assertThat(receipts().messageInfo(group.id(), message.seq())).as("the sender is left out")
                .extracting(ReceiptInfo::userId).containsExactlyInAnyOrder(bob.id(), carol.id(), dave.id());
        assertThat(infoOf(group, message, carol)).isEqualTo(new ReceiptInfo(carol.id(), null, null));
        assertThat(infoOf(group, message, dave)).as("joined after it")
                .isEqualTo(new ReceiptInfo(dave.id(), null, null));
        assertThat(receipts().messageInfo(group.id(), 99)).isEmpty();
    }

    @Test
    void messageInfoWorksInDirectChats() {
        receipts().acknowledge(bob.id(), bob.device().id(), 3);

        List<ReceiptInfo> infos = receipts().messageInfo(chat.id(), 2);

        assertThat(infos).hasSize(1);
        assertThat(infos.getFirst().userId()).isEqualTo(bob.id());
        assertThat(infos.getFirst().deliveredAt()).isNotNull();
        assertThat(infos.getFirst().readAt()).isNull();
        assertThat(receipts().messageInfo(chat.id(), 3).getFirst().deliveredAt()).as("not delivered yet").isNull();
    }

    private ReceiptInfo infoOf(Chat in, Message message, Account member) {
        return receipts().messageInfo(in.id(), message.seq()).stream().filter(i -> i.userId() == member.id())
                .findFirst().orElseThrow();
    }

    private Member member(Chat in, Account account) {
        return stores.chats().member(in.id(), account.id()).orElseThrow();
    }

    private List<GroupReceipt> groupReceiptsIn(Account account) {
        return stream(account.id()).stream().map(Update::event).filter(GroupReceipt.class::isInstance)
                .map(GroupReceipt.class::cast).toList();
    }

    private Member member(Account account) {
        return stores.chats().member(chat.id(), account.id()).orElseThrow();
    }

    private List<ReceiptMoved> receiptsIn(Account account) {
        return stream(account.id()).stream().map(Update::event).filter(ReceiptMoved.class::isInstance)
                .map(ReceiptMoved.class::cast).toList();
    }
}

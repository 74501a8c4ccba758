package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.Member;
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

    private Member member(Account account) {
        return stores.chats().member(chat.id(), account.id()).orElseThrow();
    }

    private List<ReceiptMoved> receiptsIn(Account account) {
        return stream(account.id()).stream().map(Update::event).filter(ReceiptMoved.class::isInstance)
                .map(ReceiptMoved.class::cast).toList();
    }
}

package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Device;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Event.GroupReceipt;
import dev.parley.core.model.Event.JoinRequested;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Message;
import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateListener;
import dev.parley.core.port.UpdateStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The contract of {@link UpdateStream}: the per-user inbox, device cursors and the durable-entry listener. */
public abstract class UpdateStreamContract extends StoreContractSupport {

    private UpdateStream updates() {
        return stores.updates();
    }

    @Test
    void headIsZeroForAnEmptyStreamAndAnUnknownUser() {
        Account alice = account("alice");

        assertThat(updates().head(alice.id())).isZero();
        assertThat(updates().head(424242)).isZero();
        assertThat(updates().read(alice.id(), 0, 10)).isEmpty();
    }

    @Test
    void readReturnsEntriesAfterTheCursorAscendingUpToTheLimit() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        for (int i = 0; i < 5; i++) {
            send(chat, bob, "m" + i);
        }

        assertThat(updates().head(alice.id())).isEqualTo(6);
        assertThat(cursors(updates().read(alice.id(), 2, 3))).containsExactly(3L, 4L, 5L);
        assertThat(cursors(updates().read(alice.id(), 4, 100))).containsExactly(5L, 6L);
        assertThat(cursors(updates().read(alice.id(), 0, 100))).isEqualTo(oneTo(6));
        assertThat(updates().read(alice.id(), 6, 100)).isEmpty();
        assertThat(updates().read(alice.id(), 0, 100)).allMatch(u -> u.userId() == alice.id());
    }

    @Test
    void aNonPositiveLimitIsRefused() {
        Account alice = account("alice");

        assertThatThrownBy(() -> updates().read(alice.id(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesCarryTheirWholeEvent() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message message = send(chat, alice, "hello");
        stores.receipts().acknowledge(bob.id(), bob.device().id(), updates().head(bob.id()));
        stores.receipts().markRead(bob.id(), chat.id(), 1, false);

        List<Long> members = List.of(Math.min(alice.id(), bob.id()), Math.max(alice.id(), bob.id()));
        assertThat(stream(alice.id())).containsExactly(
                new Update(alice.id(), 1, new ChatCreated(chat.id(), ChatKind.DIRECT, members)),
                new Update(alice.id(), 2, new MessageAdded(message)),
                new Update(alice.id(), 3, new ReceiptMoved(chat.id(), bob.id(), 1, 0, true)),
                new Update(alice.id(), 4, new ReceiptMoved(chat.id(), bob.id(), 1, 1, false)));
    }

    @Test
    void groupEntriesCarryTheirWholeEvent() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Message created = createGroup(alice, GroupSettings.DEFAULTS, bob);
        long chatId = created.chatId();
        stores.groups().createInvite(chatId, alice.id(), "invite-code", true, now());
        stores.groups().requestJoin(chatId, carol.id(), "invite-code", now());
        Message message = send(stores.chats().chat(chatId).orElseThrow(), alice, "hello group");
        ackAll(bob);

        assertThat(stream(alice.id())).containsExactly(
                new Update(alice.id(), 1, new ChatCreated(chatId, ChatKind.GROUP, List.of(alice.id(), bob.id()))),
                new Update(alice.id(), 2, new MessageAdded(created)),
                new Update(alice.id(), 3, new JoinRequested(chatId, carol.id())),
                new Update(alice.id(), 4, new MessageAdded(message)),
                new Update(alice.id(), 5, new GroupReceipt(chatId, 2, 1)));
        await().untilAsserted(() -> assertThat(listener.of(alice.id())).isEqualTo(stream(alice.id())));
    }

    @Test
    void streamsArePerUser() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        send(direct(alice, bob), alice, "private");

        assertThat(updates().head(carol.id())).isZero();
        assertThat(stream(carol.id())).isEmpty();
    }

    @Test
    void ackedCursorIsMinusOneForAnUnknownDeviceAndStartsAtTheHead() {
        Account alice = account("alice");
        Account bob = account("bob");

        assertThat(updates().ackedCursor(424242)).isEqualTo(-1);
        assertThat(updates().ackedCursor(alice.device().id())).isZero();

        Chat chat = direct(alice, bob);
        send(chat, bob, "m");
        Device later = device(alice.id());

        assertThat(updates().ackedCursor(later.id())).isEqualTo(2);
        stores.receipts().acknowledge(alice.id(), alice.device().id(), 1);
        assertThat(updates().ackedCursor(alice.device().id())).isEqualTo(1);
    }

    @Test
    void theListenerSeesOnlyDurableEntries() throws Exception {
        Account alice = account("alice");
        Account bob = account("bob");
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Update> seen = new CopyOnWriteArrayList<>();
        // Reads from inside the listener (a short blocking read, acceptable in a test): an entry handed over
        // before its commit would not be readable by another connection yet.
        updates().listen(batch -> {
            for (Update update : batch) {
                List<Update> stored = updates().read(update.userId(), update.cursor() - 1, 1);
                if (!stored.equals(List.of(update))) {
                    problems.add("listener got " + update + " but the store has " + stored);
                }
            }
            seen.addAll(batch);
        });
        Chat chat = direct(alice, bob);

        concurrently(4, t -> {
            for (int i = 0; i < 10; i++) {
                send(chat, t % 2 == 0 ? alice : bob, "m" + i);
            }
            return null;
        });

        await().untilAsserted(() -> assertThat(seen).hasSize(2 + 2 * 40));
        assertThat(problems).isEmpty();
    }

    @Test
    void aLaterListenerReplacesTheEarlierOne() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        await().untilAsserted(() -> assertThat(listener.all()).hasSize(2));
        RecordingListener second = new RecordingListener();

        updates().listen(second);
        send(chat, alice, "m");

        await().untilAsserted(() -> assertThat(second.all()).hasSize(2));
        assertThat(listener.all()).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotUndoTheWrite() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        UpdateListener failing = batch -> {
            throw new IllegalStateException("listener bug");
        };
        updates().listen(failing);

        Message message = send(chat, alice, "still stored");

        assertThat(stream(bob.id())).last().isEqualTo(new Update(bob.id(), 2, new MessageAdded(message)));
        assertThat(send(chat, bob, "the store keeps working").seq()).isEqualTo(2);
    }
}

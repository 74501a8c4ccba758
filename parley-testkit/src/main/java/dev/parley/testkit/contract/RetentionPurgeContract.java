package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.Event.Expired.Reason;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Update;
import dev.parley.core.port.RetentionStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trim and TTL steps of {@link RetentionStore#purge}: which update-stream entries go, which messages lose
 * their content in each mode, and what the users who missed entries are told. (Timers: {@link
 * RetentionTimerContract}.)
 */
public abstract class RetentionPurgeContract extends RetentionContractSupport {

    @Test
    void trimKeepsWhatAnActiveDeviceHasNotAcknowledgedUntilItIsRevoked() {
        Account alice = account("alice");
        Device laggard = device(alice.id());
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, bob, "one");
        send(chat, bob, "two");
        send(chat, bob, "three");
        stores.receipts().acknowledge(alice.id(), laggard.id(), 2);
        ackAll(alice);

        PurgeReport first = purge(HISTORY, now());

        assertThat(first.trimmedEntries()).isEqualTo(2);
        assertThat(cursors(stream(alice.id()))).as("the laggard acknowledged up to cursor 2").containsExactly(3L, 4L);
        assertThat(cursors(stream(bob.id())).getFirst()).as("bob acknowledged nothing").isEqualTo(1L);

        stores.accounts().revokeDevice(alice.id(), laggard.id(), now());
        PurgeReport second = purge(HISTORY, now());

        assertThat(second.trimmedEntries()).isEqualTo(2);
        assertThat(stream(alice.id())).isEmpty();
        assertThat(purge(HISTORY, now())).isEqualTo(PurgeReport.NOTHING);
    }

    @Test
    void aNewDeviceDoesNotPinOlderEntriesAndAUserWithoutDevicesKeepsThem() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, alice, "hello");
        ackAll(bob);
        ackAll(alice);
        long bobsEntries = stream(bob.id()).size();
        Device phone = device(alice.id());
        stores.accounts().revokeDevice(bob.id(), bob.device().id(), now());

        purge(HISTORY, now());

        assertThat(stores.updates().ackedCursor(phone.id())).as("a new device starts at the head")
                .isEqualTo(stores.updates().head(alice.id()));
        assertThat(stream(alice.id())).as("the new device pins nothing").isEmpty();
        assertThat(stream(bob.id())).as("no active device: the entries wait for the TTL").hasSize((int) bobsEntries);
    }

    @Test
    void untilDeliveredPurgesAMessageOnceEveryDeviceOfEveryMemberAcknowledgedIt() {
        Account alice = account("alice");
        Account bob = account("bob");
        Device tablet = device(bob.id());
        Chat chat = direct(alice, bob);
        MediaItem photo = saved(alice, "cat");
        Message text = sendAs(chat, alice, "c-1", "hi");
        Message image = sendMedia(chat, alice, photo.id());
        ackAll(alice);
        ackAll(bob);

        PurgeReport pinned = purge(UNTIL_DELIVERED, now());

        assertThat(pinned.purgedMessages()).as("bob's tablet has not received them").isZero();
        assertThat(history(chat)).containsExactly(text, image);

        ackAll(bob.id(), tablet.id());
        PurgeReport delivered = purge(UNTIL_DELIVERED, now());

        assertThat(delivered.purgedMessages()).isEqualTo(2);
        assertThat(history(chat)).isEmpty();
        assertThat(stores.chats().chatsOf(bob.id()).getFirst().lastMessage()).as("chat summary").isNull();
        assertThat(stores.messages().append(draft(chat.id(), alice, "c-1", "hi again")))
                .as("the resent clientId still finds the message, without its content")
                .isInstanceOfSatisfying(Appended.class, a -> {
                    assertThat(a.duplicate()).isTrue();
                    assertThat(a.message().id()).isEqualTo(text.id());
                    assertThat(a.message().seq()).isEqualTo(text.seq());
                    assertThat(a.message().text()).isNull();
                });
        assertThat(reload(chat).lastSeq()).isEqualTo(2);
        assertThat(media().collect(now(), 10)).as("the purged message no longer references the photo")
                .extracting(MediaContent::id).containsExactly(photo.content().id());
        assertThat(media().item(photo.id())).isEmpty();
    }

    @Test
    void untilDeliveredKeepsAGroupMessageUntilTheLastMemberHasIt() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = group(alice, bob, carol);
        Message one = send(chat, bob, "one");
        Message two = send(chat, alice, "two");
        ackAll(alice);
        ackAll(bob);

        assertThat(purge(UNTIL_DELIVERED, now()).purgedMessages()).isZero();
        assertThat(history(chat)).extracting(Message::seq).containsExactly(1L, one.seq(), two.seq());

        ackAll(carol);
        PurgeReport report = purge(UNTIL_DELIVERED, now());

        assertThat(report.purgedMessages()).as("the CREATED entry and both messages").isEqualTo(3);
        assertThat(history(chat)).isEmpty();
        assertThat(announced(carol.id())).isEmpty();
    }

    @Test
    void historyModeTrimsEntriesAndKeepsEveryMessage() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message one = send(chat, alice, "one");
        Message two = send(chat, bob, "two");
        ackAll(alice);
        ackAll(bob);

        PurgeReport report = purge(HISTORY, now());

        assertThat(report.trimmedEntries()).isGreaterThanOrEqualTo(6);
        assertThat(report.purgedMessages()).isZero();
        assertThat(announced(alice.id())).isEmpty();
        assertThat(history(chat)).containsExactly(one, two);
        assertThat(stores.chats().chatsOf(alice.id()).getFirst().lastMessage()).isEqualTo(two);
    }

    @Test
    void theTtlDeletesOldUndeliveredEntriesAndTellsWhoMissedThem() {
        Ttl ttl = undeliveredForAMonth();

        PurgeReport report = purge(HISTORY, ttl.purgeAt());

        assertThat(report.expiredEntries()).isEqualTo(ttl.oldEntries());
        assertThat(report.purgedMessages()).as("history mode keeps messages").isZero();
        for (Account user : List.of(ttl.alice(), ttl.bob())) {
            assertThat(announced(user.id())).as("only the young message is left").containsExactly(ttl.young());
            assertThat(expired(user.id())).containsExactly(
                    new Expired(ttl.direct().id(), 1, 3, Reason.TTL), new Expired(ttl.group().id(), 1, 2, Reason.TTL));
            List<Update> markers = stream(user.id()).stream().filter(u -> u.event() instanceof Expired).toList();
            await().untilAsserted(() -> assertThat(expiredHeard(user.id())).as("the listener got the markers")
                    .isEqualTo(markers));
            assertThat(markers.getFirst().cursor()).as("appended after the young message")
                    .isGreaterThan(ttl.headsBefore().get(user == ttl.alice() ? 0 : 1));
        }
        assertThat(history(ttl.direct())).extracting(Message::text).containsExactly("one", "two", "three", "young");
        assertThat(purge(HISTORY, ttl.purgeAt()).expiredEntries()).as("markers are not old yet").isZero();
    }

    @Test
    void untilDeliveredPurgesWhatTheTtlTook() {
        Ttl ttl = undeliveredForAMonth();

        PurgeReport report = purge(UNTIL_DELIVERED, ttl.purgeAt());

        assertThat(report.expiredEntries()).isEqualTo(ttl.oldEntries());
        assertThat(report.purgedMessages()).as("three in the direct chat, CREATED and one in the group").isEqualTo(5);
        assertThat(history(ttl.direct())).containsExactly(ttl.young());
        assertThat(history(ttl.group())).isEmpty();
        assertThat(expired(ttl.bob().id())).hasSize(2);
    }

    @Test
    void aStepThatHitsTheLimitSaysSoAndTheNextBatchGoesOn() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        for (int i = 1; i <= 5; i++) {
            send(chat, alice, "m" + i);
        }
        ackAll(alice);
        ackAll(bob);
        long acknowledged = stores.updates().ackedCursor(alice.device().id())
                + stores.updates().ackedCursor(bob.device().id());

        PurgeReport first = purge(UNTIL_DELIVERED, now(), 10);
        PurgeReport second = purge(UNTIL_DELIVERED, now(), 10);

        assertThat(first.trimmedEntries()).isEqualTo(10);
        assertThat(first.more()).isTrue();
        assertThat(first.purgedMessages()).as("alice's 6 entries, then bob's first 4").isEqualTo(3);
        assertThat(second.trimmedEntries()).isEqualTo(acknowledged - 10);
        assertThat(second.purgedMessages()).isEqualTo(2);
        assertThat(second.more()).isFalse();
        assertThat(history(chat)).isEmpty();
    }

    @Test
    void theTtlStepHitsTheLimitToo() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        send(chat, alice, "m1");
        Message last = send(chat, alice, "m2");
        Instant purgeAt = last.createdAt().plus(TTL).plusMillis(1);

        PurgeReport first = purge(HISTORY, purgeAt, 5);
        PurgeReport second = purge(HISTORY, purgeAt, 5);

        assertThat(first.expiredEntries()).isEqualTo(5);
        assertThat(first.more()).isTrue();
        assertThat(second.expiredEntries()).as("bob's last entry").isEqualTo(1);
        assertThat(second.more()).isFalse();
        assertThat(expired(alice.id())).containsExactly(new Expired(chat.id(), 1, 2, Reason.TTL));
        assertThat(expired(bob.id())).as("bob's range was cut by the batch limit").containsExactly(
                new Expired(chat.id(), 1, 1, Reason.TTL), new Expired(chat.id(), 2, 2, Reason.TTL));
    }

    /**
     * A sweep that finds nothing old may let an adapter skip the next ones (the TTL sweep scans the stream);
     * an entry appended afterwards with an older time (a sender's clock behind) must still expire on time.
     */
    @Test
    void anOlderEntryAppendedAfterAnEmptySweepStillExpires() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message young = send(chat, alice, "young");
        assertThat(purge(HISTORY, young.createdAt()).expiredEntries()).as("nothing is old yet").isZero();

        Instant longAgo = young.createdAt().minus(TTL).minusSeconds(60);
        stores.messages().append(new Draft(chat.id(), UUID.randomUUID().toString(), bob.id(), bob.device().id(),
                "late", MessageKind.TEXT, "from a slow clock", null, longAgo));
        PurgeReport report = purge(HISTORY, young.createdAt().plusMillis(1));

        assertThat(report.expiredEntries()).as("alice's and bob's entries of the late message").isEqualTo(2);
        assertThat(expired(alice.id())).containsExactly(new Expired(chat.id(), 2, 2, Reason.TTL));
        assertThat(purge(HISTORY, young.createdAt().plusMillis(2)).expiredEntries()).as("the young one stays")
                .isZero();
    }

    /**
     * Alice and bob never acknowledge: a direct chat with three messages and a group with its CREATED entry and
     * one message, all older than the TTL at {@code purgeAt}; then one young message in the direct chat.
     */
    private Ttl undeliveredForAMonth() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat direct = direct(alice, bob);
        send(direct, alice, "one");
        send(direct, bob, "two");
        send(direct, alice, "three");
        Chat group = group(alice, bob);
        send(group, bob, "in the group");
        int oldEntries = stream(alice.id()).size() + stream(bob.id()).size();
        Message young = send(direct, alice, "young");
        List<Long> heads = List.of(stores.updates().head(alice.id()), stores.updates().head(bob.id()));
        return new Ttl(alice, bob, direct, group, young, oldEntries, heads, young.createdAt().plus(TTL));
    }

    /** The world of {@link #undeliveredForAMonth}; {@code headsBefore}: alice's and bob's heads before the purge. */
    private record Ttl(Account alice, Account bob, Chat direct, Chat group, Message young, int oldEntries,
                       List<Long> headsBefore, Instant purgeAt) {
    }
}

package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.AppendResult.NotAllowed;
import dev.parley.core.model.AppendResult.NotMember;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.Event.Expired.Reason;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import dev.parley.core.model.TimerChange;
import dev.parley.core.model.Update;
import dev.parley.core.port.RetentionStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Disappearing messages: {@link RetentionStore#setTimer} (who may, what it writes) and the timer step of
 * {@link RetentionStore#purge} (what disappears when, and what every member is told).
 */
public abstract class RetentionTimerContract extends RetentionContractSupport {
    private static final long MINUTE = 60;

    @Test
    void anyMemberOfADirectChatSetsTheTimerWithASystemEntry() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);

        Message on = timer(chat, bob, 3600);

        assertThat(on.seq()).isEqualTo(1);
        assertThat(on.kind()).isEqualTo(MessageKind.SYSTEM);
        assertThat(on.senderId()).isEqualTo(bob.id());
        assertThat(on.system()).isEqualTo(new SystemEvent(Action.TIMER_CHANGED, bob.id(), List.of(), null, null,
                null, 3600L));
        assertThat(reload(chat).timerSeconds()).isEqualTo(3600);
        assertThat(stores.chats().chatsOf(alice.id()).getFirst().chat().timerSeconds()).isEqualTo(3600);
        assertThat(history(chat)).containsExactly(on);
        for (Account member : List.of(alice, bob)) {
            assertThat(stream(member.id()).getLast().event()).isEqualTo(new MessageAdded(on));
            await().untilAsserted(() -> assertThat(listener.of(member.id())).extracting(Update::event)
                    .contains(new MessageAdded(on)));
        }

        Message off = timer(chat, alice, 0);

        assertThat(off.system().timerSeconds()).isZero();
        assertThat(reload(chat).timerSeconds()).isZero();
        assertThat(history(chat)).containsExactly(on, off);
    }

    @Test
    void whenOnlyAdminsEditAPlainMemberMayNotSetTheTimer() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Chat chat = group(alice, new GroupSettings(false, true), bob, carol);
        apply(chat, alice, GroupCommands.setRole(alice.id(), bob.id(), Role.ADMIN));
        long lastSeq = reload(chat).lastSeq();

        assertThat(setTimer(chat, carol, MINUTE)).isEqualTo(new NotAllowed(chat.id(), carol.id()));
        assertThat(reload(chat).lastSeq()).as("no seq is burnt").isEqualTo(lastSeq);
        assertThat(reload(chat).timerSeconds()).isZero();

        assertThat(timer(chat, bob, MINUTE).seq()).as("an admin may").isEqualTo(lastSeq + 1);
        assertThat(timer(chat, alice, 2 * MINUTE).seq()).as("the owner may").isEqualTo(lastSeq + 2);
        assertThat(reload(chat).timerSeconds()).isEqualTo(2 * MINUTE);

        Chat open = group(alice, bob, carol);
        assertThat(timer(open, carol, MINUTE).system().actorId()).as("any member may by default")
                .isEqualTo(carol.id());
    }

    @Test
    void aNonMemberMayNotSetTheTimer() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account mallory = account("mallory");
        Chat direct = direct(alice, bob);
        Chat group = group(alice, bob);
        apply(group, bob, GroupCommands.leave(bob.id()));
        long groupSeq = reload(group).lastSeq();

        assertThat(setTimer(direct, mallory, MINUTE)).isEqualTo(new NotMember(direct.id(), mallory.id()));
        assertThat(setTimer(group, bob, MINUTE)).as("bob left").isEqualTo(new NotMember(group.id(), bob.id()));
        assertThat(retention().setTimer(new TimerChange(999_999, alice.id(), alice.device().id(), "m-x", MINUTE,
                now()))).isEqualTo(new NotMember(999_999, alice.id()));
        assertThat(reload(direct).lastSeq()).isZero();
        assertThat(reload(group).lastSeq()).isEqualTo(groupSeq);
        assertThat(reload(group).timerSeconds()).isZero();
    }

    @Test
    void messagesSentWhileTheTimerIsOnDisappearAtTheirExpiryAndNotBefore() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        Message before = send(chat, alice, "before");
        Message on = timer(chat, alice, MINUTE);
        Message first = send(chat, bob, "first");
        Message second = send(chat, alice, "second");
        Message off = timer(chat, bob, 0);
        Message after = send(chat, alice, "after");

        assertThat(purge(HISTORY, after(first, MINUTE, -1)).timerMessages()).as("one millisecond early").isZero();
        assertThat(history(chat)).containsExactly(before, on, first, second, off, after);

        PurgeReport due = purge(HISTORY, after(first, MINUTE, 0));

        assertThat(due.timerMessages()).isEqualTo(1);
        assertThat(history(chat)).containsExactly(before, on, second, off, after);
        assertThat(expired(alice.id())).containsExactly(new Expired(chat.id(), first.seq(), first.seq(),
                Reason.TIMER));

        PurgeReport later = purge(HISTORY, after(second, MINUTE, 0));

        assertThat(later.timerMessages()).isEqualTo(1);
        assertThat(history(chat)).as("system entries and messages sent while off stay")
                .containsExactly(before, on, off, after);
        assertThat(stores.chats().chatsOf(bob.id()).getFirst().lastMessage()).isEqualTo(after);
    }

    @Test
    void everyActiveMemberIsToldOfEachRunAndPendingEntriesGo() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Account dave = account("dave");
        Chat chat = group(alice, bob, carol, dave);
        apply(chat, dave, GroupCommands.leave(dave.id()));
        timer(chat, alice, MINUTE);
        Message a = send(chat, alice, "a");
        Message b = send(chat, bob, "b");
        timer(chat, alice, 0);
        Message kept = send(chat, carol, "kept");
        timer(chat, alice, MINUTE);
        Message d = send(chat, alice, "d");
        Message e = send(chat, carol, "e");
        ackAll(alice);

        PurgeReport report = purge(HISTORY, after(e, MINUTE, 0));

        assertThat(report.timerMessages()).isEqualTo(4);
        List<Expired> runs = List.of(new Expired(chat.id(), a.seq(), b.seq(), Reason.TIMER),
                new Expired(chat.id(), d.seq(), e.seq(), Reason.TIMER));
        for (Account member : List.of(alice, bob, carol)) {
            assertThat(expired(member.id())).as("user %d", member.id()).isEqualTo(runs);
            await().untilAsserted(() -> assertThat(expiredHeard(member.id())).extracting(Update::event)
                    .containsExactlyElementsOf(runs));
        }
        assertThat(expired(dave.id())).as("dave left before").isEmpty();
        assertThat(announced(bob.id())).as("bob's pending entries of the disappeared messages are gone")
                .extracting(Message::seq).doesNotContain(a.seq(), b.seq(), d.seq(), e.seq()).contains(kept.seq());
        assertThat(history(chat)).extracting(Message::seq).doesNotContain(a.seq(), b.seq(), d.seq(), e.seq())
                .contains(kept.seq());
    }

    @Test
    void aTimerStepThatHitsTheLimitSaysSoAndTheNextBatchFinishes() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        timer(chat, alice, MINUTE);
        Message one = send(chat, alice, "one");
        Message two = send(chat, alice, "two");
        Message three = send(chat, alice, "three");
        Instant due = after(three, MINUTE, 0);

        PurgeReport first = purge(HISTORY, due, 2);
        PurgeReport second = purge(HISTORY, due, 2);

        assertThat(first.timerMessages()).isEqualTo(2);
        assertThat(first.more()).isTrue();
        assertThat(second.timerMessages()).isEqualTo(1);
        assertThat(second.more()).isFalse();
        assertThat(expired(alice.id())).containsExactly(new Expired(chat.id(), one.seq(), two.seq(), Reason.TIMER),
                new Expired(chat.id(), three.seq(), three.seq(), Reason.TIMER));
        assertThat(purge(HISTORY, due, 2)).isEqualTo(PurgeReport.NOTHING);
    }

    @Test
    void aDisappearedMediaMessageNoLongerHoldsItsMedia() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        MediaItem photo = saved(alice, "holiday");
        timer(chat, alice, MINUTE);
        Message image = sendMedia(chat, alice, photo.id());
        assertThat(media().collect(now(), 10)).as("referenced").isEmpty();

        purge(HISTORY, after(image, MINUTE, 0));

        assertThat(media().canRead(photo.id(), alice.id())).as("the owner still may, until it is collected").isTrue();
        assertThat(media().collect(now(), 10)).extracting(MediaContent::id).containsExactly(photo.content().id());
        assertThat(media().item(photo.id())).isEmpty();
    }

    @Test
    void untilDeliveredAndTimersTogetherPurgeEachMessageOnce() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        timer(chat, alice, MINUTE);
        Message gone = send(chat, alice, "gone");
        ackAll(alice);
        ackAll(bob);

        PurgeReport report = purge(UNTIL_DELIVERED, after(gone, MINUTE, 0));

        assertThat(report.purgedMessages()).as("the timer entry and the message were delivered").isEqualTo(2);
        assertThat(report.timerMessages()).as("already purged: nothing left for the timer").isZero();
        assertThat(expired(bob.id())).isEmpty();
        assertThat(history(chat)).isEmpty();
    }
}

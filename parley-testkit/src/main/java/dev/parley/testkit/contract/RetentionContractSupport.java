package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.Message;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.TimerChange;
import dev.parley.core.model.Update;
import dev.parley.core.port.RetentionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Helpers of the retention suites: the two policies, purges that let the adapter check its own bookkeeping after
 * each batch ({@link #checkBookkeeping}), timers, and views of history and streams.
 */
public abstract class RetentionContractSupport extends MediaContractSupport {
    protected static final Duration TTL = Duration.ofDays(30);
    protected static final Retention HISTORY = new Retention(Retention.Mode.HISTORY, TTL);
    protected static final Retention UNTIL_DELIVERED = new Retention(Retention.Mode.UNTIL_DELIVERED, TTL);

    protected RetentionStore retention() {
        return stores.retention();
    }

    /**
     * Called after every purge of these suites: an adapter with internal counters (e.g. how many stream entries
     * still point at a message) checks here that they match what it stores. Nothing by default.
     */
    protected void checkBookkeeping(Retention policy) throws Exception {
    }

    /** One batch, then the adapter's own checks. */
    protected PurgeReport purge(Retention policy, Instant now, int limit) {
        PurgeReport report = retention().purge(policy, now, limit);
        try {
            checkBookkeeping(policy);
        } catch (Exception e) {
            throw new AssertionError("the adapter's bookkeeping check failed after " + report, e);
        }
        return report;
    }

    /** One batch of 1000 rows per step. */
    protected PurgeReport purge(Retention policy, Instant now) {
        return purge(policy, now, 1000);
    }

    /** Appends a new text message with this clientId and checks it was stored as new. */
    protected Message sendAs(Chat chat, Account from, String clientId, String text) {
        AppendResult result = stores.messages().append(draft(chat.id(), from, clientId, text));
        assertThat(result).isInstanceOfSatisfying(Appended.class, a -> assertThat(a.duplicate()).isFalse());
        return ((Appended) result).message();
    }

    protected AppendResult setTimer(Chat chat, Account actor, long seconds) {
        return retention().setTimer(new TimerChange(chat.id(), actor.id(), actor.device().id(),
                UUID.randomUUID().toString(), seconds, now()));
    }

    /** Sets the timer and returns the TIMER_CHANGED entry (the actor must be allowed to). */
    protected Message timer(Chat chat, Account actor, long seconds) {
        AppendResult result = setTimer(chat, actor, seconds);
        assertThat(result).as("timer %d s set by user %d in chat %d", seconds, actor.id(), chat.id())
                .isInstanceOf(Appended.class);
        return ((Appended) result).message();
    }

    /** Every message of the chat the log still shows (window: the whole chat). */
    protected List<Message> history(Chat chat) {
        return stores.messages().history(chat.id(), new HistoryQuery(null, null, 1000), 0, Long.MAX_VALUE)
                .messages();
    }

    protected Chat reload(Chat chat) {
        return stores.chats().chat(chat.id()).orElseThrow();
    }

    /** The expired markers in the user's stream, in cursor order. */
    protected List<Expired> expired(long userId) {
        return stream(userId).stream().filter(u -> u.event() instanceof Expired).map(u -> (Expired) u.event())
                .toList();
    }

    /** The expired-marker entries the listener received for the user, in arrival order. */
    protected List<Update> expiredHeard(long userId) {
        return listener.of(userId).stream().filter(u -> u.event() instanceof Expired).toList();
    }

    /** The messages the user's stream still announces, in cursor order. */
    protected List<Message> announced(long userId) {
        return stream(userId).stream().filter(u -> u.event() instanceof MessageAdded)
                .map(u -> ((MessageAdded) u.event()).message()).toList();
    }

    /** The device acknowledges the user's whole stream. */
    protected void ackAll(long userId, long deviceId) {
        stores.receipts().acknowledge(userId, deviceId, stores.updates().head(userId));
    }

    /** The instant {@code seconds} after the message was sent, plus {@code millis}. */
    protected static Instant after(Message message, long seconds, long millis) {
        return message.createdAt().plusSeconds(seconds).plusMillis(millis);
    }
}

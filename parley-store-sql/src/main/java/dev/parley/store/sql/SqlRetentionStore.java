package dev.parley.store.sql;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.TimerChange;
import dev.parley.core.port.RetentionStore;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * {@link RetentionStore} on SQL. Columns (added by V5, next to the tables of {@link SqlChatStore},
 * {@link SqlMessageLog}, {@link SqlUpdateStream} and {@link SqlAccountStore}):
 * <pre>
 * chats.timer_seconds  BIGINT       the chat's disappearing-message timer, 0 = off; read by the sequencing
 *                                   statement of every append, so it applies from the next seq on
 * messages.expires_at  BIGINT NULL  created_at + timer, set at append when the timer was on (never for a
 *                                   SYSTEM entry); NULL = the message never disappears
 * messages.undelivered INT          MESSAGE_ADDED entries of the update stream that still point at the message:
 *                                   set by the insert (the number of entries appended with it), lowered by
 *                                   every purge step that deletes some. In UNTIL_DELIVERED mode, 0 means every
 *                                   device of every recipient acknowledged it (or the TTL took the rest)
 * messages.purged_at   BIGINT NULL  when its content was deleted; the row stays as a skeleton
 * users.trimmed_cursor BIGINT       every entry of the user with cursor ≤ it was trimmed: the trim resumes there
 * updates.to_seq       BIGINT NULL  EXPIRED entries: the range seq..to_seq (payload TIMER | TTL)
 * INDEX messages_expiring (expires_at) WHERE expires_at IS NOT NULL AND purged_at IS NULL
 * </pre>
 * WHY a counter: "is any entry of this message left?" would otherwise be a scan of {@code updates}, which has no
 * index besides its primary key (user, cursor) because every send writes one row per recipient there. The counter
 * costs the send nothing (a column of the insert) and the purge one {@code UPDATE} per message per batch.
 *
 * <p>Purging a message ({@link MessagePurge}) sets {@code body} and {@code media_id} to NULL, lowers the media
 * item's {@code message_refs} (so {@link SqlMediaStore#collect} takes the item after its grace period) and sets
 * {@code purged_at}; a system entry keeps its event (only {@code purged_at} changes). History pages, the last
 * message of chat summaries and update reads skip purged messages; the clientId look-up still finds the skeleton,
 * so a resent clientId returns it as a duplicate (text and media null) and never stores the message again.
 *
 * <p>{@link #purge} runs its three steps ({@link Trim}, {@link TtlSweep}, {@link TimerSweep}) as three tasks of
 * the group-commit writer, in that order: each step is one transaction, and its new entries reach the listener
 * after its commit. The TTL step scans {@code updates}, so it is skipped while no entry can be old enough
 * ({@link EntryAges}). Several nodes may purge one PostgreSQL database at once: counters are lowered only by the
 * statement that deleted the entries ({@code DELETE … RETURNING}) and a message is purged only
 * {@code WHERE purged_at IS NULL}, so nothing is counted twice; lock waits between nodes end in the writer's short
 * lock timeout and the step runs again. {@link #setTimer}: see {@link TimerWrites}.
 */
public final class SqlRetentionStore implements RetentionStore {
    private final SqlDatabase database;

    public SqlRetentionStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public AppendResult setTimer(TimerChange change) {
        if (change.timerSeconds() < 0) {
            throw new IllegalArgumentException("the timer of chat " + change.chatId() + " must be >= 0 seconds, got "
                    + change.timerSeconds());
        }
        return database.write(tx -> TimerWrites.set(tx, change));
    }

    @Override
    public PurgeReport purge(Retention policy, Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        boolean purgeDelivered = policy.mode() == Retention.Mode.UNTIL_DELIVERED;
        long millis = Rows.millis(now);
        long cutoff = cutoff(now, policy);
        StepResult trim = database.write(tx -> Trim.run(tx.connection(), purgeDelivered, millis, limit));
        StepResult ttl = sweepTtl(purgeDelivered, now, cutoff, limit);
        StepResult timer = database.write(tx -> TimerSweep.run(tx, now, limit));
        return new PurgeReport(trim.entries(), ttl.entries(), trim.purged() + ttl.purged(), timer.purged(),
                trim.more() || ttl.more() || timer.more());
    }

    /**
     * The TTL step, skipped while {@link EntryAges} knows no entry is older than {@code cutoff}; a sweep that
     * finds nothing to delete raises the floor to the oldest entry it saw.
     */
    private StepResult sweepTtl(boolean purgeDelivered, Instant now, long cutoff, int limit) {
        EntryAges ages = database.entryAges();
        if (ages.noneOlderThan(cutoff)) {
            return new StepResult(0, 0, false);
        }
        EntryAges.Scan scan = ages.startScan();
        try {
            TtlSweep.Result result = database.write(tx -> TtlSweep.run(tx, purgeDelivered, now, cutoff, limit));
            if (result.oldest() != null) {
                ages.finish(scan, result.oldest());
            }
            return result.step();
        } finally {
            ages.abandon(scan);
        }
    }

    /** Entries created before this epoch milli outlived the TTL (none when the TTL reaches before time began). */
    private static long cutoff(Instant now, Retention policy) {
        try {
            return Rows.millis(now.minus(policy.undeliveredTtl()));
        } catch (ArithmeticException | DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }
}

package dev.parley.core.service;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Message;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.TimerChange;
import dev.parley.core.port.RetentionStore;
import java.time.Clock;
import java.util.List;

/**
 * Disappearing-message timers and the background purge of the retention policy (ARCHITECTURE.md §2.10).
 * The purge runs in batches, each its own short transaction through the store's writer, so sends interleave with
 * it instead of waiting for a long delete.
 */
public final class RetentionService {
    /** The timers a chat may have, in seconds: off, 24 hours, 7 days, 90 days (as WhatsApp). */
    public static final List<Long> TIMERS = List.of(0L, 86_400L, 604_800L, 7_776_000L);
    private static final int BATCH = 500;
    /** Batches per run: a run that still has work leaves the rest to the next run. */
    private static final int MAX_BATCHES = 200;
    /** Pause after a batch, as a multiple of its duration (2: the purge takes at most ~1/3 of the writer). */
    private static final int PAUSE_FACTOR = 2;

    private final RetentionStore store;
    private final Retention policy;
    private final MessageIds ids;
    private final Clock clock;

    public RetentionService(RetentionStore store, Retention policy, MessageIds ids, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    public Retention policy() {
        return policy;
    }

    /** Sets the chat's timer; returns the TIMER_CHANGED system entry (already delivered to the members' streams). */
    public Message setTimer(DeviceIdentity actor, long chatId, long timerSeconds) {
        if (!TIMERS.contains(timerSeconds)) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "field 'seconds' must be one of " + TIMERS
                    + " (off, 24 h, 7 days, 90 days), got " + timerSeconds);
        }
        TimerChange change = new TimerChange(chatId, actor.userId(), actor.deviceId(), ids.next(), timerSeconds,
                clock.instant());
        return switch (store.setTimer(change)) {
            case AppendResult.Appended a -> a.message();
            case AppendResult.NotMember n -> throw ChatService.notMember(chatId);
            case AppendResult.NotAllowed n -> throw new ServiceException(Failure.FORBIDDEN,
                    "only admins may change the disappearing-message timer of group " + chatId);
            case AppendResult.MediaMissing m -> throw new IllegalStateException("a timer change has no media");
        };
    }

    /**
     * Runs purge batches until nothing is left or the run's budget is spent; returns the totals. Between batches it
     * pauses {@value #PAUSE_FACTOR}× as long as the batch took, so a large backlog uses at most about a third of
     * the store's single writer and sends keep most of it (docs/benchmarks.md, "Purge cost").
     */
    public PurgeReport purge() {
        PurgeReport total = PurgeReport.NOTHING;
        for (int i = 0; i < MAX_BATCHES; i++) {
            long started = System.nanoTime();
            PurgeReport batch = store.purge(policy, clock.instant(), BATCH);
            total = total.plus(batch);
            if (!batch.more() || !pause(System.nanoTime() - started)) {
                break;
            }
        }
        return total;
    }

    /** Waits {@value #PAUSE_FACTOR}× the batch's duration; false when interrupted (shutting down). */
    private static boolean pause(long batchNanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(batchNanos * PAUSE_FACTOR));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

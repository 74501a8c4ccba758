package dev.parley.core.port;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.TimerChange;
import java.time.Instant;

/**
 * Retention: disappearing-message timers and the background purge (ARCHITECTURE.md §2.10, docs/protocol.md §14).
 *
 * <p>Purging a message deletes its content — text/caption, media reference (the media item's reference count
 * goes down, so garbage collection can take the media) — and keeps a content-free skeleton (chat, seq, id,
 * sender, kind, time, client id) so receipts, sequencing and idempotent sends keep working; purged messages are
 * never returned by history, chat summaries or update reads. Every step of a batch is one transaction: a crash
 * leaves each message either whole or purged, and entries never point to purged content.
 */
public interface RetentionStore {

    /**
     * Sets the chat's timer under the chat's lock and appends a TIMER_CHANGED system entry (delivered to every
     * active member like any entry): the actor must be an active member (else NotMember), and in a group whose
     * settings let only admins edit, an admin or the owner (else NotAllowed). Messages appended after it get
     * {@code expiresAt = createdAt + timer} while the timer is on. Returns Appended with the system entry.
     */
    AppendResult setTimer(TimerChange change);

    /**
     * One batch (each step handles at most {@code limit} rows) of, in this order:
     * <ol>
     * <li>trim: update entries with cursor ≤ the lowest acknowledged cursor of their user's active (not revoked)
     *     devices are deleted; in UNTIL_DELIVERED mode a message whose every entry is gone is purged;</li>
     * <li>TTL: entries created before {@code now − undeliveredTtl} are deleted; for each (user, chat) whose message
     *     entries went, an {@code Expired(chat, minSeq, maxSeq, TTL)} entry is appended to that user's stream; in
     *     UNTIL_DELIVERED mode a message whose every entry is gone is purged;</li>
     * <li>timer: messages whose {@code expiresAt ≤ now} are purged, their remaining entries deleted, and every
     *     active member of the chat gets {@code Expired(chat, from, to, TIMER)} per run of consecutive seqs.</li>
     * </ol>
     * New entries reach the {@link UpdateListener} after the commit, like appended messages.
     */
    PurgeReport purge(Retention policy, Instant now, int limit);
}

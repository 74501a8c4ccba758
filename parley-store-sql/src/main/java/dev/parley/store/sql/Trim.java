package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first purge step of {@link SqlRetentionStore}: deletes the update-stream entries every active device of
 * their user acknowledged, and (UNTIL_DELIVERED) purges the messages whose last entry went.
 *
 * <p>The users with something to trim are those whose lowest acknowledged cursor over their active devices is
 * above {@code users.trimmed_cursor}: one aggregate over {@code devices} (by {@code devices_by_user}) per batch,
 * which skips users without a live device (their entries wait for the TTL) and users already trimmed. A user's
 * entries are deleted by primary-key range {@code trimmed_cursor < cursor ≤ min(acked, trimmed_cursor +
 * budget)}: cursors have no gaps, so the range bounds the rows, and the step stops after {@code limit} cursors in
 * all. A device added later starts at the user's head ({@link SqlAccountStore}), so it never pins older entries;
 * an acknowledged cursor only grows and a revoked device never comes back, so a stale read of the minimum only
 * trims less.
 */
final class Trim {
    private static final String CANDIDATES = "SELECT u.id, u.trimmed_cursor, MIN(d.acked_cursor) FROM users u"
            + " JOIN devices d ON d.user_id = u.id AND d.revoked_at IS NULL GROUP BY u.id, u.trimmed_cursor"
            + " HAVING MIN(d.acked_cursor) > u.trimmed_cursor ORDER BY u.id LIMIT ?";
    private static final String DELETE = "DELETE FROM updates WHERE user_id = ? AND cursor > ? AND cursor <= ?"
            + MessagePurge.RETURNING;
    private static final String TRIMMED = "UPDATE users SET trimmed_cursor = ? WHERE id = ? AND trimmed_cursor < ?";

    /** A user with acknowledged entries left: everything up to {@code acked} may go. */
    private record Candidate(long userId, long trimmed, long acked) {
    }

    private Trim() {
    }

    /** One write task; see {@link SqlRetentionStore#purge}. */
    static StepResult run(Connection c, boolean purgeDelivered, long now, int limit) throws SQLException {
        List<Candidate> candidates = Jdbc.list(c, CANDIDATES,
                row -> new Candidate(row.getLong(1), row.getLong(2), row.getLong(3)), limit + 1L);
        List<MessagePurge.Entry> deleted = new ArrayList<>();
        long budget = limit;
        boolean more = false;
        for (Candidate candidate : candidates) {
            if (budget == 0) {
                more = true;
                break;
            }
            long upTo = Math.min(candidate.acked(), candidate.trimmed() + budget);
            deleted.addAll(Jdbc.list(c, DELETE, MessagePurge::entry, candidate.userId(), candidate.trimmed(), upTo));
            Jdbc.update(c, TRIMMED, upTo, candidate.userId(), upTo);
            budget -= upTo - candidate.trimmed();
            more |= upTo < candidate.acked();
        }
        int purged = MessagePurge.release(c, MessagePurge.perMessage(deleted), purgeDelivered, now);
        return new StepResult(deleted.size(), purged, more);
    }
}

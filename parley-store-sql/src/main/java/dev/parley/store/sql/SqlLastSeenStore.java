package dev.parley.store.sql;

import dev.parley.core.port.LastSeenStore;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link LastSeenStore} on SQL: the column {@code users.last_seen} (BIGINT epoch millis, NULL until the user's
 * last device first went offline; see {@link SqlAccountStore} for the table). A save only ever raises it, in one
 * conditional UPDATE, so concurrent saves from several nodes keep the latest time whatever their order. Saving
 * for a user id that does not exist changes nothing. Writes go through the single writer of {@link SqlDatabase}.
 */
public final class SqlLastSeenStore implements LastSeenStore {
    private static final String RAISE = "UPDATE users SET last_seen = ?"
            + " WHERE id = ? AND (last_seen IS NULL OR last_seen < ?)";

    private final SqlDatabase database;

    public SqlLastSeenStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public void saveLastSeen(long userId, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("the last-seen time of user " + userId + " is required");
        }
        long millis = Rows.millis(at);
        database.write(tx -> Jdbc.update(tx.connection(), RAISE, millis, userId, millis));
    }

    @Override
    public Optional<Instant> lastSeen(long userId) {
        return database.read(c -> Jdbc.first(c, "SELECT last_seen FROM users WHERE id = ?",
                row -> Optional.ofNullable(Jdbc.nullableLong(row, 1)), userId))
                .flatMap(millis -> millis.map(Rows::instant));
    }
}

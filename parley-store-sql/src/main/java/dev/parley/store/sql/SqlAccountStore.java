package dev.parley.store.sql;

import dev.parley.core.model.Device;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Settings;
import dev.parley.core.model.User;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ConflictException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@link AccountStore} on SQL. Tables:
 * <pre>
 * users                          one row per registered person
 *   id            BIGINT PK      generated, never reused
 *   username      TEXT UNIQUE    lower-case (Locale.ROOT); NULL when the user registered by phone only
 *   phone         TEXT UNIQUE    as given (normalized by the core); NULL when absent
 *   display_name  TEXT
 *   password_hash TEXT           the hash from the core (never a password)
 *   read_receipts BOOLEAN        Settings.readReceipts (INTEGER 0/1 on SQLite)
 *   last_seen_visibility TEXT    Settings.lastSeen: EVERYONE | CONTACTS | NOBODY (CHECK), default EVERYONE
 *   online_visibility    TEXT    Settings.online:   EVERYONE | CONTACTS | NOBODY (CHECK), default EVERYONE
 *   last_seen     BIGINT         epoch millis the user's last device went offline; NULL until then
 *                                (written only by SqlLastSeenStore, never lowered)
 *   update_head   BIGINT         newest cursor of the user's update stream (0 = empty); advanced with
 *                                UPDATE … RETURNING in the transaction that appends (see SqlUpdateStream)
 *   trimmed_cursor BIGINT        every entry with cursor ≤ it was trimmed (acknowledged by every active device,
 *                                see SqlRetentionStore); 0 until the first trim
 *   created_at    BIGINT         epoch millis
 *   CHECK (username IS NOT NULL OR phone IS NOT NULL)
 *
 * devices                        one row per login; never deleted, revoked instead
 *   id            BIGINT PK
 *   user_id       BIGINT FK users
 *   name          TEXT           e.g. "Firefox on Linux"
 *   token_hash    BYTEA UNIQUE   SHA-256 of the bearer token (BLOB on SQLite); the token itself is never stored
 *   created_at    BIGINT         epoch millis
 *   acked_cursor  BIGINT         highest update cursor the device acknowledged; starts at users.update_head,
 *                                so a new device never keeps older entries from being trimmed
 *   revoked_at    BIGINT         epoch millis; NULL while the device is live
 *   INDEX devices_by_user (user_id)
 * </pre>
 * Reads use the read pool; writes go through the single writer of {@link SqlDatabase}.
 */
public final class SqlAccountStore implements AccountStore {
    private static final String INSERT_USER = "INSERT INTO users (username, phone, display_name, password_hash,"
            + " read_receipts, last_seen_visibility, online_visibility, update_head, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING"
            + " RETURNING " + Rows.USER_COLUMNS;
    private static final String INSERT_DEVICE = "INSERT INTO devices (user_id, name, token_hash, created_at,"
            + " acked_cursor) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING " + Rows.DEVICE_COLUMNS;
    private static final String USER_BY = "SELECT " + Rows.USER_COLUMNS + " FROM users WHERE ";
    private static final String UPDATE_SETTINGS = "UPDATE users SET read_receipts = ?, last_seen_visibility = ?,"
            + " online_visibility = ? WHERE id = ? RETURNING " + Rows.USER_COLUMNS;

    private final SqlDatabase database;

    public SqlAccountStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public User createUser(NewUser user) {
        if (user.username() == null && user.phone() == null) {
            throw new IllegalArgumentException("a new user needs a username or a phone, got neither");
        }
        String username = user.username() == null ? null : user.username().toLowerCase(Locale.ROOT);
        return database.write(tx -> insertUser(tx.connection(), user, username));
    }

    @Override
    public Optional<User> userById(long userId) {
        return database.read(c -> Jdbc.first(c, USER_BY + "id = ?", Rows::user, userId));
    }

    @Override
    public Optional<User> userByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return database.read(c -> Jdbc.first(c, USER_BY + "username = ?", Rows::user, lower));
    }

    @Override
    public Optional<User> userByPhone(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        return database.read(c -> Jdbc.first(c, USER_BY + "phone = ?", Rows::user, phone));
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return database.read(c -> Jdbc.first(c, "SELECT password_hash FROM users WHERE id = ?",
                row -> row.getString(1), userId));
    }

    @Override
    public Device addDevice(long userId, String name, byte[] tokenHash, Instant now) {
        return database.write(tx -> insertDevice(tx.connection(), userId, name, tokenHash, now));
    }

    @Override
    public Optional<DeviceIdentity> deviceByTokenHash(byte[] tokenHash) {
        return database.read(c -> Jdbc.first(c,
                "SELECT user_id, id FROM devices WHERE token_hash = ? AND revoked_at IS NULL",
                row -> new DeviceIdentity(row.getLong(1), row.getLong(2)), tokenHash));
    }

    @Override
    public List<Device> devices(long userId) {
        return database.read(c -> Jdbc.list(c, "SELECT " + Rows.DEVICE_COLUMNS + " FROM devices"
                + " WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id", Rows::device, userId));
    }

    @Override
    public boolean revokeDevice(long userId, long deviceId, Instant now) {
        return database.write(tx -> Jdbc.update(tx.connection(), "UPDATE devices SET revoked_at = ?"
                        + " WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                Rows.millis(now), deviceId, userId) == 1);
    }

    @Override
    public User updateSettings(long userId, Settings settings) {
        return database.write(tx -> Jdbc.first(tx.connection(), UPDATE_SETTINGS, Rows::user,
                        settings.readReceipts(), settings.lastSeen().name(), settings.online().name(), userId))
                .orElseThrow(() -> new NoSuchElementException("no user with id " + userId + " to update settings of"));
    }

    private static User insertUser(Connection c, NewUser user, String username) throws SQLException {
        Optional<User> created = Jdbc.first(c, INSERT_USER, Rows::user, username, user.phone(),
                user.displayName(), user.passwordHash(), Settings.DEFAULTS.readReceipts(),
                Settings.DEFAULTS.lastSeen().name(), Settings.DEFAULTS.online().name(), Rows.millis(user.createdAt()));
        return created.orElseThrow(() -> conflict(c, username, user.phone()));
    }

    /** Which uniqueness rule a refused insert broke. */
    private static ConflictException conflict(Connection c, String username, String phone) {
        try {
            if (username != null && Jdbc.first(c, USER_BY + "username = ?", Rows::user, username).isPresent()) {
                return new ConflictException("username", "username '" + username + "' is already taken");
            }
        } catch (SQLException e) {
            throw new SqlStoreException("checking username '" + username + "' failed: " + e.getMessage(), e);
        }
        return new ConflictException("phone", "phone '" + phone + "' is already registered");
    }

    private static Device insertDevice(Connection c, long userId, String name, byte[] tokenHash, Instant now)
            throws SQLException {
        long head = Jdbc.first(c, "SELECT update_head FROM users WHERE id = ?", row -> row.getLong(1), userId)
                .orElseThrow(() -> new NoSuchElementException("no user with id " + userId + " to add a device to"));
        return Jdbc.first(c, INSERT_DEVICE, Rows::device, userId, name, tokenHash, Rows.millis(now), head)
                .orElseThrow(() -> new ConflictException("tokenHash",
                        "a device with this token hash already exists (user " + userId + ")"));
    }
}

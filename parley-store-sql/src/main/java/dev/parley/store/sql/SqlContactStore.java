package dev.parley.store.sql;

import dev.parley.core.model.Contact;
import dev.parley.core.port.ContactStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@link ContactStore} on SQL. Tables:
 * <pre>
 * contacts                        a user's contact list; a row is deleted when the contact is removed
 *   owner_id  BIGINT FK users     } PRIMARY KEY (owner_id, user_id): one entry per owner and user
 *   user_id   BIGINT FK users     }
 *   name      TEXT                the name the owner gave the contact; replaced by a rename
 *   added_at  BIGINT              epoch millis of the first add (a rename keeps it)
 *   INDEX contacts_by_user (user_id, owner_id)      whose contact list a user is in
 *
 * blocks                          who blocked whom (one direction); a row is deleted by unblock
 *   blocker_id BIGINT FK users    } PRIMARY KEY (blocker_id, blocked_id)
 *   blocked_id BIGINT FK users    }
 *   blocked_at BIGINT             epoch millis of the first block (blocking again keeps it)
 *   INDEX blocks_by_blocked (blocked_id, blocker_id) who blocked a user
 * </pre>
 * Adding a contact or a block of a user id that does not exist (either side) throws
 * {@link NoSuchElementException} naming the id, and writes nothing. Reads use the read pool; writes go through
 * the single writer of {@link SqlDatabase}.
 */
public final class SqlContactStore implements ContactStore {
    /** "By name": case-insensitive, then exact, then user id, the same on every engine whatever its collation. */
    static final Comparator<Contact> BY_NAME = Comparator.comparing(Contact::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Contact::name).thenComparingLong(Contact::userId);

    private static final String UPSERT_CONTACT = "INSERT INTO contacts (owner_id, user_id, name, added_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (owner_id, user_id) DO UPDATE SET name = excluded.name"
            + " RETURNING " + Rows.CONTACT_COLUMNS;
    private static final String INSERT_BLOCK = "INSERT INTO blocks (blocker_id, blocked_id, blocked_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (blocker_id, blocked_id) DO NOTHING";
    private static final String EXISTING_USERS = "SELECT id FROM users WHERE id IN (?, ?)";

    private final SqlDatabase database;

    public SqlContactStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public Contact addContact(long ownerId, long userId, String name, Instant now) {
        if (name == null) {
            throw new IllegalArgumentException("contact " + userId + " of user " + ownerId + " needs a name");
        }
        return database.write(tx -> {
            requireUsers(tx.connection(), ownerId, userId, "add a contact");
            return Jdbc.first(tx.connection(), UPSERT_CONTACT, Rows::contact, ownerId, userId, name,
                    Rows.millis(now)).orElseThrow();
        });
    }

    @Override
    public boolean removeContact(long ownerId, long userId) {
        return database.write(tx -> Jdbc.update(tx.connection(),
                "DELETE FROM contacts WHERE owner_id = ? AND user_id = ?", ownerId, userId) == 1);
    }

    @Override
    public List<Contact> contacts(long ownerId) {
        List<Contact> contacts = database.read(c -> Jdbc.list(c, "SELECT " + Rows.CONTACT_COLUMNS
                + " FROM contacts WHERE owner_id = ?", Rows::contact, ownerId));
        return contacts.stream().sorted(BY_NAME).toList();
    }

    @Override
    public boolean isContact(long ownerId, long userId) {
        return database.read(c -> Jdbc.first(c, "SELECT 1 FROM contacts WHERE owner_id = ? AND user_id = ?",
                row -> true, ownerId, userId)).isPresent();
    }

    @Override
    public void block(long blockerId, long blockedId, Instant now) {
        database.write(tx -> {
            requireUsers(tx.connection(), blockerId, blockedId, "block");
            return Jdbc.update(tx.connection(), INSERT_BLOCK, blockerId, blockedId, Rows.millis(now));
        });
    }

    @Override
    public boolean unblock(long blockerId, long blockedId) {
        return database.write(tx -> Jdbc.update(tx.connection(),
                "DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?", blockerId, blockedId) == 1);
    }

    @Override
    public List<Long> blocked(long blockerId) {
        return database.read(c -> Jdbc.list(c, "SELECT blocked_id FROM blocks WHERE blocker_id = ?"
                + " ORDER BY blocked_at DESC, blocked_id DESC", row -> row.getLong(1), blockerId));
    }

    @Override
    public boolean isBlocked(long blockerId, long blockedId) {
        return database.read(c -> Jdbc.first(c, "SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?",
                row -> true, blockerId, blockedId)).isPresent();
    }

    /** Throws {@link NoSuchElementException} naming the first of the two ids that is not a user. */
    private static void requireUsers(Connection c, long first, long second, String action) throws SQLException {
        List<Long> existing = Jdbc.list(c, EXISTING_USERS, row -> row.getLong(1), first, second);
        for (long id : new long[] {first, second}) {
            if (!existing.contains(id)) {
                throw new NoSuchElementException("cannot " + action + ": no user with id " + id
                        + " (users " + first + " and " + second + ")");
            }
        }
    }
}

package dev.parley.store.sql;

import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ChatStore;
import dev.parley.core.port.ContactStore;
import dev.parley.core.port.GroupStore;
import dev.parley.core.port.LastSeenStore;
import dev.parley.core.port.MediaStore;
import dev.parley.core.port.MessageLog;
import dev.parley.core.port.ReceiptStore;
import dev.parley.core.port.RetentionStore;
import dev.parley.core.port.UpdateStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The ten store ports on one SQL database: what the composition root builds. Close it last, after the
 * services: {@link #close()} finishes the queued writes, then closes the connections.
 *
 * <pre>{@code
 * SqlStores stores = SqlStores.sqlite(Path.of("data/parley.db"), Clock.systemUTC());
 * SqlStores stores = SqlStores.postgres("jdbc:postgresql://db:5432/parley", "parley", secret, Clock.systemUTC());
 * }</pre>
 */
public final class SqlStores implements AutoCloseable {
    private final SqlDatabase database;
    private final SqlAccountStore accounts;
    private final SqlChatStore chats;
    private final SqlMessageLog messages;
    private final SqlUpdateStream updates;
    private final SqlReceiptStore receipts;
    private final SqlGroupStore groups;
    private final SqlContactStore contacts;
    private final SqlLastSeenStore lastSeen;
    private final SqlMediaStore media;
    private final SqlRetentionStore retention;

    public SqlStores(SqlDatabase database, Clock clock) {
        this.database = database;
        this.accounts = new SqlAccountStore(database);
        this.chats = new SqlChatStore(database);
        this.messages = new SqlMessageLog(database);
        this.updates = new SqlUpdateStream(database);
        this.receipts = new SqlReceiptStore(database, clock);
        this.groups = new SqlGroupStore(database);
        this.contacts = new SqlContactStore(database);
        this.lastSeen = new SqlLastSeenStore(database);
        this.media = new SqlMediaStore(database);
        this.retention = new SqlRetentionStore(database);
    }

    /** The embedded store: the SQLite file {@code file} (created and migrated if needed; its folder must exist). */
    public static SqlStores sqlite(Path file, Clock clock) {
        return new SqlStores(SqlDatabase.sqlite(file), clock);
    }

    /** The cluster store on PostgreSQL (migrated at open); see {@link SqlDatabase#postgres}. */
    public static SqlStores postgres(String jdbcUrl, String user, String password, Clock clock) {
        return new SqlStores(SqlDatabase.postgres(jdbcUrl, user, password), clock);
    }

    public AccountStore accounts() {
        return accounts;
    }

    public ChatStore chats() {
        return chats;
    }

    public MessageLog messages() {
        return messages;
    }

    public UpdateStream updates() {
        return updates;
    }

    public ReceiptStore receipts() {
        return receipts;
    }

    public GroupStore groups() {
        return groups;
    }

    public ContactStore contacts() {
        return contacts;
    }

    public LastSeenStore lastSeen() {
        return lastSeen;
    }

    public MediaStore media() {
        return media;
    }

    public RetentionStore retention() {
        return retention;
    }

    /** The database underneath (dialect, commit count). */
    public SqlDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}

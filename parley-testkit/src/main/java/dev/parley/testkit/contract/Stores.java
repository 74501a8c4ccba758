package dev.parley.testkit.contract;

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

/**
 * The ten store ports of one adapter, all built on ONE fresh, empty database. {@code closer} releases the
 * database (and deletes it when the adapter test wants that); the suites call it after each test.
 */
public record Stores(AccountStore accounts, ChatStore chats, MessageLog messages, UpdateStream updates,
                     ReceiptStore receipts, GroupStore groups, ContactStore contacts, LastSeenStore lastSeen,
                     MediaStore media, RetentionStore retention, AutoCloseable closer) {
}

package dev.parley.core.port;

import dev.parley.core.model.Contact;
import java.time.Instant;
import java.util.List;

/** Contact lists and blocks. Every write is durable when the method returns. */
public interface ContactStore {

    /** Adds or renames a contact of {@code ownerId}. */
    Contact addContact(long ownerId, long userId, String name, Instant now);

    /** False when {@code userId} was not a contact. */
    boolean removeContact(long ownerId, long userId);

    /** The owner's contacts, by name. */
    List<Contact> contacts(long ownerId);

    /** Whether {@code userId} is in {@code ownerId}'s contact list. */
    boolean isContact(long ownerId, long userId);

    /** {@code blockerId} blocks {@code blockedId} (idempotent). */
    void block(long blockerId, long blockedId, Instant now);

    /** False when there was no such block. */
    boolean unblock(long blockerId, long blockedId);

    /** Users {@code blockerId} has blocked, most recent first. */
    List<Long> blocked(long blockerId);

    /** Whether {@code blockerId} has blocked {@code blockedId} (one direction). */
    boolean isBlocked(long blockerId, long blockedId);
}

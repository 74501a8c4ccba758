package dev.parley.core.model;

/**
 * Per-user privacy settings.
 *
 * @param readReceipts off: the user neither sends nor sees read receipts in direct chats
 * @param lastSeen     who may see when the user was last online
 * @param online       who may see that the user is online now
 */
public record Settings(boolean readReceipts, Visibility lastSeen, Visibility online) {
    public static final Settings DEFAULTS = new Settings(true, Visibility.EVERYONE, Visibility.EVERYONE);

    public Settings {
        if (lastSeen == null || online == null) {
            throw new IllegalArgumentException("lastSeen and online visibility are required");
        }
    }

    /** Who may see a piece of presence. */
    public enum Visibility {
        EVERYONE, CONTACTS, NOBODY
    }
}

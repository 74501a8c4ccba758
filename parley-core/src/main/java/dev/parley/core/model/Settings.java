package dev.parley.core.model;

/** Per-user privacy settings. With {@code readReceipts} off a user neither sends nor sees read receipts. */
public record Settings(boolean readReceipts) {
    public static final Settings DEFAULTS = new Settings(true);
}

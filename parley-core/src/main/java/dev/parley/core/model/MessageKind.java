package dev.parley.core.model;

public enum MessageKind {
    TEXT,
    /** An image; the message carries a {@link MediaRef} whose mime type is {@code image/*}; text is the caption. */
    IMAGE,
    /** A video; the message carries a {@link MediaRef} whose mime type is {@code video/*}; text is the caption. */
    VIDEO,
    /** Any other file (documents, audio, archives); the message carries a {@link MediaRef}; text is the caption. */
    FILE,
    /** A membership or group change; the message carries a {@link SystemEvent} and no text. */
    SYSTEM;

    /** Whether messages of this kind reference media. */
    public boolean hasMedia() {
        return this == IMAGE || this == VIDEO || this == FILE;
    }
}

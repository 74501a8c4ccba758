package dev.parley.core.model;

public enum MessageKind {
    TEXT,
    /** A membership or group change; the message carries a {@link SystemEvent} and no text. */
    SYSTEM
}

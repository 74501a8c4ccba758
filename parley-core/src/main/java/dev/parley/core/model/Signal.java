package dev.parley.core.model;

/** Ephemeral events for live connections only: never stored, never queued for offline devices. */
public sealed interface Signal {

    /** {@code userId} is typing / recording / stopped in {@code chatId}. */
    record Typing(long chatId, long userId, TypingState state) implements Signal {
    }

    /** The presence of {@code userId} (whom the connection watches) may have changed; re-read it. */
    record PresenceChanged(long userId) implements Signal {
    }

    enum TypingState {
        TYPING, RECORDING, STOPPED
    }
}

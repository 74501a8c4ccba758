package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is typing where, for "Bob is typing…" indicators. Feed it the frames of {@link Listener#onTyping} and the
 * messages of {@link Listener#onMessage}; it forgets an indicator when its {@code expiresInMs} have passed, on a
 * {@code stopped} frame, and when a message from that user arrives in that chat, as the protocol asks of clients.
 * Each {@code typing} frame restarts the expiry. Ask {@link #typing(long)} when drawing, and redraw at
 * {@link #nextExpiry()}. Thread-safe; time comes from the given clock.
 */
public final class TypingTracker {

    /**
     * One user typing (or recording) in a chat.
     *
     * @param chatId    the chat
     * @param userId    who is typing
     * @param state     "typing", "recording", or a state this client does not know (show it like "typing")
     * @param since     when this burst began: the first frame after silence, or the last change of state
     * @param expiresAt when the indicator goes away unless another frame arrives first
     */
    public record Typist(long chatId, long userId, String state, Instant since, Instant expiresAt) {
    }

    private record Key(long chatId, long userId) {
    }

    private final Clock clock;
    private final Map<Key, Typist> active = new LinkedHashMap<>();

    /** A tracker on the system clock. */
    public TypingTracker() {
        this(Clock.systemUTC());
    }

    /** A tracker on {@code clock} (a controllable one in tests). */
    public TypingTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies a {@code typing} frame. Returns true when what should be shown changed: the user started typing or
     * recording (a new burst), switched between the two, or stopped while shown. A repeat of the shown state only
     * extends the expiry and returns false, and so does {@code stopped} for someone not shown.
     */
    public synchronized boolean onTyping(ServerFrame.TypingFrame frame) {
        Instant now = clock.instant();
        purge(now);
        Key key = new Key(frame.chatId(), frame.userId());
        if ("stopped".equals(frame.state()) || frame.expiresInMs() <= 0) {
            return active.remove(key) != null;
        }
        Instant expiresAt = now.plus(Duration.ofMillis(frame.expiresInMs()));
        Typist shown = active.get(key);
        boolean changed = shown == null || !shown.state().equals(frame.state());
        Instant since = changed ? now : shown.since();
        active.put(key, new Typist(frame.chatId(), frame.userId(), frame.state(), since, expiresAt));
        return changed;
    }

    /** A message from {@code senderId} arrived in {@code chatId}: their indicator there ends; true if one was shown. */
    public synchronized boolean onMessage(long chatId, long senderId) {
        purge(clock.instant());
        return active.remove(new Key(chatId, senderId)) != null;
    }

    /** Same as {@link #onMessage(long, long)} with the message's chat and sender. */
    public boolean onMessage(Views.Message message) {
        return onMessage(message.chatId(), message.senderId());
    }

    /** Who is typing or recording in {@code chatId} now, the longest-running burst first. */
    public synchronized List<Typist> typing(long chatId) {
        purge(clock.instant());
        return active.values().stream().filter(t -> t.chatId() == chatId)
                .sorted(Comparator.comparing(Typist::since)).toList();
    }

    /** When the next indicator expires, to redraw then; empty when nobody is typing anywhere. */
    public synchronized Optional<Instant> nextExpiry() {
        purge(clock.instant());
        return active.values().stream().map(Typist::expiresAt).min(Comparator.naturalOrder());
    }

    /** Forgets every indicator (after signing out, say). */
    public synchronized void clear() {
        active.clear();
    }

    private void purge(Instant now) {
        active.values().removeIf(t -> !t.expiresAt().isAfter(now));
    }
}

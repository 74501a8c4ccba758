package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Presence and typing: traffic that is never stored, queued or retried. Delivers pushed {@code presence} and
 * {@code typing} frames, and the presences of every {@code presences} answer, to the listener on the callback
 * thread (in order with everything else); transmits fire-and-forget frames only on a ready connection; and
 * remembers the users watched explicitly, to watch them again on every new connection (the server forgets
 * explicit watches with their connection). Event loop only.
 */
final class Signals {
    /** Most user ids in one {@code watchPresence} (fixed by the protocol). */
    static final int WATCH_BATCH = 100;
    private static final String REWATCH_PREFIX = "pw";

    private final Listener listener;
    private final Callbacks callbacks;
    private final FrameCodec codec;
    /** Explicitly watched users, in the order first watched. */
    private final Set<Long> watched = new LinkedHashSet<>();
    private long rewatchCount;

    Signals(Listener listener, Callbacks callbacks, FrameCodec codec) {
        this.listener = listener;
        this.callbacks = callbacks;
        this.codec = codec;
    }

    /** Remembers {@code userIds} as explicitly watched. */
    void watch(Collection<Long> userIds) {
        watched.addAll(userIds);
    }

    /** Stops watching {@code userIds} again after reconnects. */
    void unwatch(Collection<Long> userIds) {
        watched.removeAll(userIds);
    }

    /**
     * A connection became ready and {@code pending} requests were just transmitted on it: watches the explicitly
     * watched users again, in batches of {@link #WATCH_BATCH}, except those a pending {@code watchPresence} of the
     * application covers. The answers come back as {@code presences} frames that no request waits for;
     * {@link #presences} delivers them to the listener like any other.
     */
    void connected(Link link, List<ClientFrame> pending) {
        Set<Long> covered = new HashSet<>();
        pending.forEach(frame -> {
            if (frame instanceof ClientFrame.WatchPresence watch) {
                covered.addAll(watch.userIds());
            }
        });
        List<Long> ids = watched.stream().filter(id -> !covered.contains(id)).toList();
        for (int from = 0; from < ids.size(); from += WATCH_BATCH) {
            String id = REWATCH_PREFIX + (++rewatchCount);
            link.send(codec.encode(new ClientFrame.WatchPresence(id, List.copyOf(
                    ids.subList(from, Math.min(ids.size(), from + WATCH_BATCH))))));
        }
    }

    /** A pushed {@code presence} frame. */
    void presence(Views.Presence presence) {
        callbacks.run(() -> listener.onPresence(presence));
    }

    /**
     * A {@code presences} answer (to the application's {@code watchPresence} or to a re-watch): each presence goes
     * to the listener before the request's future completes, so the listener always sees the newest state last.
     * No request waits for the answer to a re-watch (its id is unknown to {@link Traffic}, which ignores it).
     */
    void presences(ServerFrame.Presences answer) {
        List<Views.Presence> all = answer.presences() == null ? List.of() : new ArrayList<>(answer.presences());
        all.forEach(this::presence);
    }

    /** A pushed {@code typing} frame. */
    void typing(ServerFrame.TypingFrame typing) {
        callbacks.run(() -> listener.onTyping(typing));
    }

    /** Transmits {@code frame} on {@code link} if there is one (a ready connection); else drops it. */
    boolean fire(ClientFrame frame, Link link) {
        if (link == null) {
            return false;
        }
        link.send(codec.encode(frame));
        return true;
    }
}

package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Requests other than sends waiting for their response, oldest first. Each fails with a timeout at its own
 * deadline. Idempotent ones (reads, openDirect, read watermarks, settings, ping, listings) are transmitted again
 * after a reconnect; the others ({@link RequestRouting#resendable}) are transmitted at most once. Not
 * thread-safe: event loop only.
 */
final class PendingRequests {

    /** One pending request expecting a response of type {@code T}. */
    static final class Pending<T extends ServerFrame> {
        final ClientFrame frame;
        final Class<T> type;
        final CompletableFuture<T> result;
        /** May be transmitted again after a reconnect. */
        final boolean resendable;
        /** Was put on some connection (so the server may have applied it). */
        boolean transmitted;
        ScheduledFuture<?> deadline;

        Pending(ClientFrame frame, Class<T> type, CompletableFuture<T> result) {
            this.frame = frame;
            this.type = type;
            this.result = result;
            this.resendable = RequestRouting.resendable(frame);
        }

        String id() {
            return frame.id();
        }

        /** Completes with {@code response}, or fails when it is not of the expected type. */
        void settle(ServerFrame response) {
            if (type.isInstance(response)) {
                result.complete(type.cast(response));
            } else {
                result.completeExceptionally(new IllegalStateException("expected a " + type.getSimpleName()
                        + " response to request '" + id() + "', got " + response));
            }
        }

        void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    private final Map<String, Pending<?>> byId = new LinkedHashMap<>();

    void add(Pending<?> pending) {
        byId.put(pending.id(), pending);
    }

    /** Removes and returns the request with this id; null when unknown (answered, timed out, or not ours). */
    Pending<?> remove(String id) {
        Pending<?> pending = byId.remove(id);
        if (pending != null) {
            pending.cancelDeadline();
        }
        return pending;
    }

    /** The pending requests, oldest first. */
    List<Pending<?>> all() {
        return List.copyOf(byId.values());
    }

    /** Removes and returns every pending request. */
    List<Pending<?>> drain() {
        List<Pending<?>> all = all();
        all.forEach(p -> remove(p.id()));
        return all;
    }
}

package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends and requests in flight: keeps them until answered, transmits them whenever a connection is ready,
 * retries unanswered sends, and routes responses and errors to their futures (on the callback thread).
 * Event loop only, except {@link #nextId}.
 */
final class Traffic {
    private final ClientConfig config;
    private final EventLoop loop;
    private final Callbacks callbacks;
    private final FrameCodec codec;
    private final Supplier<Link> readyLink;
    private final AtomicLong ids = new AtomicLong();
    private final Outbox outbox = new Outbox();
    private final PendingRequests requests = new PendingRequests();

    /** @param readyLink the current connection when it is authenticated and open for traffic, else null */
    Traffic(ClientConfig config, EventLoop loop, Callbacks callbacks, FrameCodec codec, Supplier<Link> readyLink) {
        this.config = config;
        this.loop = loop;
        this.callbacks = callbacks;
        this.codec = codec;
        this.readyLink = readyLink;
    }

    /** A fresh request id with the given prefix; any thread. */
    String nextId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    int pendingSends() {
        return outbox.size();
    }

    /** The frames of the requests waiting for their answer, oldest first. */
    java.util.List<ClientFrame> pendingRequests() {
        return requests.all().stream().map(pending -> pending.frame).toList();
    }

    /** Queues a send; a send with the clientId of a pending one shares that one's outcome. */
    void enqueue(Outbox.Entry entry) {
        Outbox.Entry kept = outbox.add(entry);
        if (kept != entry) {
            kept.result.whenComplete((accepted, error) -> {
                if (error != null) {
                    entry.result.completeExceptionally(error);
                } else {
                    entry.result.complete(accepted);
                }
            });
        } else if (readyLink.get() != null) {
            transmit(entry, readyLink.get());
        }
    }

    /** Queues a request; it fails with a {@link TimeoutException} if unanswered after the request timeout. */
    void enqueue(PendingRequests.Pending<?> pending) {
        requests.add(pending);
        pending.deadline = loop.schedule(config.requestTimeout(), () -> expire(pending));
        Link link = readyLink.get();
        if (link != null) {
            transmit(pending, link);
        }
    }

    /**
     * A connection became ready: transmit every pending send, then every pending request, oldest first
     * (requests that are not resendable are still pending here only if they were never transmitted).
     */
    void transmitAll(Link link) {
        outbox.pending().forEach(entry -> transmit(entry, link));
        requests.all().forEach(pending -> transmit(pending, link));
    }

    /**
     * The connection was lost with {@code code} and {@code reason}: every request that is not resendable and was
     * transmitted fails with a {@link ParleyOutcomeUnknownException}, since the server may or may not have
     * applied it. Sends and resendable requests stay, to be transmitted again on the next connection.
     */
    void connectionLost(int code, String reason) {
        for (PendingRequests.Pending<?> pending : requests.all()) {
            if (!pending.resendable && pending.transmitted && requests.remove(pending.id()) != null) {
                callbacks.fail(pending.result, new ParleyOutcomeUnknownException(
                        RequestRouting.typeName(pending.frame), pending.id(), code, reason));
            }
        }
    }

    void onAccepted(ServerFrame.Accepted accepted) {
        Outbox.Entry entry = outbox.accepted(accepted.clientId());
        if (entry != null) {
            callbacks.complete(entry.result, accepted);
        }
    }

    /** Fails the send or request that {@code error} answers; false when the id is not one of ours. */
    boolean onError(String requestId, ParleyApiException error) {
        if (outbox.isSendRequest(requestId)) {
            Outbox.Entry entry = outbox.refused(requestId);
            if (entry != null) {
                callbacks.fail(entry.result, error);
            }
            return true;
        }
        PendingRequests.Pending<?> pending = requests.remove(requestId);
        if (pending != null) {
            callbacks.fail(pending.result, error);
        }
        return pending != null;
    }

    /** Completes the request answered by {@code response} (pong, chat, chats, history, ok, changed …). */
    void onResponse(ServerFrame response) {
        String requestId = RequestRouting.responseId(response);
        PendingRequests.Pending<?> pending = requestId == null ? null : requests.remove(requestId);
        if (pending != null) {
            callbacks.run(() -> pending.settle(response));
        }
    }

    /**
     * Fails everything in flight with {@code error}; the client is closing for good. Transmitted requests that
     * are not resendable fail with {@link ParleyOutcomeUnknownException} instead.
     */
    void failAll(ParleyClosedException error) {
        connectionLost(error.closeCode(), error.reason());
        outbox.drain().forEach(entry -> callbacks.fail(entry.result, error));
        requests.drain().forEach(pending -> callbacks.fail(pending.result, error));
    }

    private void transmit(PendingRequests.Pending<?> pending, Link link) {
        pending.transmitted = true;
        link.send(codec.encode(pending.frame));
    }

    private void transmit(Outbox.Entry entry, Link link) {
        link.send(codec.encode(outbox.transmission(entry, nextId("s"))));
        entry.cancelRetry();
        entry.retry = loop.schedule(config.sendRetryInterval(), () -> {
            if (outbox.isPending(entry) && readyLink.get() == link) {
                transmit(entry, link);
            }
        });
    }

    private void expire(PendingRequests.Pending<?> pending) {
        if (requests.remove(pending.id()) != null) {
            callbacks.fail(pending.result, new TimeoutException("no " + pending.type.getSimpleName()
                    + " response to request '" + pending.id() + "' (" + pending.frame.getClass().getSimpleName()
                    + ") within " + config.requestTimeout()));
        }
    }
}

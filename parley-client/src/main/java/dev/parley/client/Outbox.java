package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Sends not yet accepted by the server, in the order the application made them. An entry keeps its
 * {@code clientId} for its whole life: every (re)transmission carries the same clientId under a fresh
 * request id, so the server's idempotency turns retries into the original {@code accepted}. An entry
 * leaves only when accepted, refused with an error, or the client closes. Not thread-safe: event loop only.
 */
final class Outbox {

    /** One pending send: a text or media message. */
    static final class Entry {
        final long chatId;
        final String clientId;
        /** The message as the application made it; each transmission is a copy under a fresh request id. */
        final ClientFrame.Send message;
        final CompletableFuture<ServerFrame.Accepted> result;
        private final List<String> requestIds = new ArrayList<>(1);
        ScheduledFuture<?> retry;

        Entry(ClientFrame.Send message, CompletableFuture<ServerFrame.Accepted> result) {
            this.message = message;
            this.chatId = message.chatId();
            this.clientId = message.clientId();
            this.result = result;
        }

        /** How many times this send was transmitted. */
        int attempts() {
            return requestIds.size();
        }

        void cancelRetry() {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
        }
    }

    private final Map<String, Entry> byClientId = new LinkedHashMap<>();
    private final Map<String, String> clientIdByRequest = new HashMap<>();
    private volatile int size;

    /** Adds a send at the end; returns the pending entry with that clientId instead when there is one. */
    Entry add(Entry entry) {
        Entry existing = byClientId.putIfAbsent(entry.clientId, entry);
        size = byClientId.size();
        return existing != null ? existing : entry;
    }

    /** Records a transmission of {@code entry} under {@code requestId}; returns the frame to put on the wire. */
    ClientFrame.Send transmission(Entry entry, String requestId) {
        entry.requestIds.add(requestId);
        clientIdByRequest.put(requestId, entry.clientId);
        ClientFrame.Send m = entry.message;
        return new ClientFrame.Send(requestId, m.chatId(), m.clientId(), m.kind(), m.text(), m.replyTo(), m.mediaId());
    }

    /** True while the entry is still waiting for its {@code accepted}. */
    boolean isPending(Entry entry) {
        return byClientId.get(entry.clientId) == entry;
    }

    /** Removes and returns the send with this clientId (its {@code accepted} arrived); null when unknown. */
    Entry accepted(String clientId) {
        return remove(clientId);
    }

    /** Removes and returns the send transmitted under {@code requestId} (refused); null when unknown. */
    Entry refused(String requestId) {
        String clientId = clientIdByRequest.get(requestId);
        return clientId == null ? null : remove(clientId);
    }

    /** True when {@code requestId} was a transmission of some send, pending or not. */
    boolean isSendRequest(String requestId) {
        return clientIdByRequest.containsKey(requestId);
    }

    /** The pending sends, oldest first. */
    List<Entry> pending() {
        return List.copyOf(byClientId.values());
    }

    /** Removes and returns every pending send, oldest first. */
    List<Entry> drain() {
        List<Entry> all = pending();
        all.forEach(e -> remove(e.clientId));
        return all;
    }

    /** Number of pending sends; safe to read from any thread. */
    int size() {
        return size;
    }

    private Entry remove(String clientId) {
        Entry entry = byClientId.remove(clientId);
        if (entry != null) {
            entry.requestIds.forEach(clientIdByRequest::remove);
            entry.cancelRetry();
        }
        size = byClientId.size();
        return entry;
    }
}

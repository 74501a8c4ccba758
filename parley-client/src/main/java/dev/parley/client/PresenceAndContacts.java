package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The privacy, presence, typing, contact and blocking requests of {@link ParleyClient}, in a file of their own so
 * that neither grows too large. Its public methods are methods of {@code ParleyClient}, with the same guarantees
 * (thread-safe, never blocking, futures completed on the client's callback thread); this class is not used on its
 * own.
 */
abstract sealed class PresenceAndContacts permits ParleyClient {
    final Engine engine;

    PresenceAndContacts(Engine engine) {
        this.engine = engine;
    }

    /**
     * Changes my privacy settings (null: unchanged). Visibility is reciprocal: I see someone's last seen (online)
     * only if their setting allows me and mine would allow them; blocking hides both ways.
     *
     * @param readReceipts off: I neither send nor see read watermarks in direct chats
     * @param lastSeen     who may see when I was last online: "everyone", "contacts" (users in my contacts), "nobody"
     * @param online       who may see that I am online now: the same values
     * @throws IllegalArgumentException for another visibility value
     */
    public CompletableFuture<Void> setPrivacy(Boolean readReceipts, String lastSeen, String online) {
        return ok(id -> new ClientFrame.SetSettings(id, readReceipts, lastSeen, online));
    }

    // ---- presence and typing ----

    /**
     * Tells the chat's other members (their online devices) that I am typing, recording or have stopped.
     * Fire and forget: transmitted at once if the client is connected, else dropped; never queued, retried or
     * answered. The indicator expires on the other side after a few seconds (6 s), so repeat "typing" every ~3 s
     * while the user types and send "stopped" when they stop or send; the server drops excess typing frames.
     *
     * @param state "typing", "recording" or "stopped"
     * @throws IllegalArgumentException for another state
     */
    public void typing(long chatId, String state) {
        ClientFrame.Typing frame = new ClientFrame.Typing(null, chatId, state);
        engine.onLoop(link -> engine.signals().fire(frame, link));
    }

    /**
     * Watches the presence of up to 100 users besides the implicit ones (my contacts, the peers of my direct chats);
     * completes with their current presence. That answer (before this future completes) and their later changes also
     * reach {@link Listener#onPresence}. The client watches them again after every reconnect (the server forgets
     * explicit watches with the connection), delivering those answers to the listener too, until
     * {@link #unwatchPresence}. Unknown users fail the request ({@code not_found}).
     *
     * @throws IllegalArgumentException when {@code userIds} is null, holds more than 100 ids or an id below 1
     */
    public CompletableFuture<List<Views.Presence>> watchPresence(List<Long> userIds) {
        List<Long> ids = snapshot(userIds);
        CompletableFuture<ServerFrame.Presences> answer = engine.request(id -> new ClientFrame.WatchPresence(id, ids),
                ServerFrame.Presences.class);
        // right after the request on the event loop: a connection ready before transmits the request at once, one
        // ready after finds it pending; neither watches these users a second time
        engine.onLoop(link -> engine.signals().watch(ids));
        return answer.thenApply(ServerFrame.Presences::presences);
    }

    /**
     * Stops watching these users again after a reconnect. The protocol has no "unwatch", so the current connection
     * keeps reporting their changes until it ends; implicitly watched users (contacts, direct chats) stay watched.
     */
    public void unwatchPresence(List<Long> userIds) {
        List<Long> ids = List.copyOf(Objects.requireNonNull(userIds, "userIds"));
        engine.onLoop(link -> engine.signals().unwatch(ids));
    }

    // ---- contacts and blocking ----

    /** Adds a user to my contacts, or renames them; {@code name} (≤ 64 characters) null: their display name. */
    public CompletableFuture<Void> addContact(long userId, String name) {
        return ok(id -> new ClientFrame.AddContact(id, userId, name));
    }

    /** Removes a user from my contacts. */
    public CompletableFuture<Void> removeContact(long userId) {
        return ok(id -> new ClientFrame.RemoveContact(id, userId));
    }

    /** My contacts, with the names I gave them. */
    public CompletableFuture<List<Views.Contact>> contacts() {
        return engine.request(ClientFrame.GetContacts::new, ServerFrame.Contacts.class)
                .thenApply(ServerFrame.Contacts::contacts);
    }

    /**
     * Which of these E.164 numbers belong to users (contact-book sync); other and invalid numbers are left out.
     * The server takes at most 1000 numbers per call ({@code invalid_frame}) and 10 000 per user and day
     * ({@code rate_limited}) by default.
     *
     * @throws IllegalArgumentException when {@code phones} is null or empty
     */
    public CompletableFuture<List<Views.PhoneMatch>> lookupPhones(List<String> phones) {
        List<String> numbers = snapshot(phones);
        return engine.request(id -> new ClientFrame.LookupPhones(id, numbers), ServerFrame.PhoneMatches.class)
                .thenApply(ServerFrame.PhoneMatches::matches);
    }

    /**
     * Blocks a user: their messages to me in direct chats are refused ({@code forbidden}), we no longer see each
     * other's presence or typing. Groups are not affected.
     */
    public CompletableFuture<Void> block(long userId) {
        return ok(id -> new ClientFrame.Block(id, userId));
    }

    /** Unblocks a user. */
    public CompletableFuture<Void> unblock(long userId) {
        return ok(id -> new ClientFrame.Unblock(id, userId));
    }

    /** The users I blocked. */
    public CompletableFuture<List<Views.User>> blocked() {
        return engine.request(ClientFrame.GetBlocked::new, ServerFrame.Blocked.class)
                .thenApply(ServerFrame.Blocked::users);
    }

    /** Sends a request answered by {@code ok}; completes with null. */
    final CompletableFuture<Void> ok(Function<String, ClientFrame> frame) {
        return engine.request(frame, ServerFrame.Ok.class).thenApply(ok -> null);
    }

    /** A copy the caller cannot change any more, keeping null elements for the frame's validation to name. */
    static <T> List<T> snapshot(List<T> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}

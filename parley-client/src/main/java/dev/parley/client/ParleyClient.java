package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One device's live session with a Parley server over the WebSocket: receives the update stream and sends
 * messages and requests. Create it with {@link #builder(URI, String)}, then {@link #connect()}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exactly-once, in-order updates.</b> Each update of the user's stream reaches the {@link Listener}
 *       once, in cursor order, across reconnects and restarts (with a persistent {@link CursorStore}):
 *       updates with a cursor not above the last processed one are dropped. An update is processed when its
 *       callback returns; only then is its cursor saved and acknowledged to the server.</li>
 *   <li><b>Coalesced acks.</b> Processed cursors are acknowledged at most once per ack delay (50 ms) unless
 *       the ack batch (100 updates) fills first, immediately after {@code synced}, and when closing.</li>
 *   <li><b>Sends survive disconnects.</b> A send stays in the outbox until the server {@code accepted} it
 *       (durably stored) or refused it with an error. It is transmitted again with the <em>same</em>
 *       clientId after a reconnect and after each send retry interval without an answer; the server's
 *       idempotency turns every retry into the original {@code accepted}, so a message is never
 *       duplicated. Pending sends are (re)transmitted in the order {@code send} was called.</li>
 *   <li><b>Requests across disconnects.</b> Requests wait for their answer up to the request timeout (then
 *       fail with a {@link java.util.concurrent.TimeoutException}). Idempotent ones (listings, history, reads,
 *       settings, ping, openDirect, message info, joinByInvite, presence watches, contacts, blocking) are
 *       transmitted again after a reconnect.
 *       Requests that are not safe to repeat — group changes, creating and revoking invites, answering join
 *       requests — are transmitted at most once: if the connection is lost (or the client closes) after that
 *       and before the answer, they fail with {@link ParleyOutcomeUnknownException}; check the chat before
 *       retrying. A timeout leaves their outcome unknown as well. Until transmitted, they wait for the next
 *       connection like any request.</li>
 *   <li><b>Reconnect.</b> A lost connection (network error, heartbeat timeout, close codes 1001, 4000, 4008,
 *       4009…) is reopened after an exponential backoff with jitter, resuming after the last processed
 *       cursor. Close codes 1000, 1008, 1009, 4001 (unauthenticated) and 4003 (device revoked) are
 *       terminal: the client closes and fails everything pending with {@link ParleyClosedException}.</li>
 *   <li><b>Presence and typing are live only.</b> They bypass the update stream: {@link Listener#onPresence} and
 *       {@link Listener#onTyping} get what arrives while connected, nothing is replayed. Typing is never queued.</li>
 *   <li><b>Threads.</b> All methods are thread-safe and never block, except {@link #close()}. Listener
 *       callbacks and the completion of returned futures run on one dedicated thread per client, in order;
 *       do not block that thread waiting for another future of the same client.</li>
 * </ul>
 */
public final class ParleyClient extends PresenceAndContacts implements AutoCloseable {
    private final Duration closeWait;

    ParleyClient(Engine engine, Duration closeWait) {
        super(engine);
        this.closeWait = closeWait;
    }

    /**
     * Starts building a client.
     *
     * @param server the server URL: {@code http(s)://host:port} (the WebSocket is {@code /v1/ws} there) or
     *               the full {@code ws(s)://host:port/v1/ws} address
     * @param token  the device token from {@link ParleyHttp#login}
     */
    public static ParleyClientBuilder builder(URI server, String token) {
        return new ParleyClientBuilder(server, token);
    }

    /**
     * Connects, authenticates and starts delivering updates; idempotent. The future completes with the
     * first {@code ready} (authenticated; delivery resumes after {@link ServerFrame.Ready#cursor()}), or fails
     * with {@link ParleyClosedException} if the client closes first (for example a revoked token: 4001).
     * Network failures do not fail it: the client keeps retrying with backoff, so bound the wait yourself.
     */
    public CompletableFuture<ServerFrame.Ready> connect() {
        return engine.start();
    }

    /** The current connection state. */
    public ConnectionState state() {
        return engine.state();
    }

    /** The cursor of the last update processed by the listener (0 when none). */
    public long cursor() {
        return engine.cursor();
    }

    /**
     * How many sends wait for their {@code accepted} or refusal. Updated by the client's event loop, so a send
     * shows up here a moment after {@link #send} returned.
     */
    public int pendingSends() {
        return engine.pendingSends();
    }

    /** Completes with the final {@link ConnectionState.Phase#CLOSED} state once the client has closed for good. */
    public CompletableFuture<ConnectionState> closed() {
        return engine.closedFuture();
    }

    /** Sends a text message with a fresh random clientId; see {@link #send(long, String, String, Long)}. */
    public CompletableFuture<ServerFrame.Accepted> send(long chatId, String text) {
        return send(chatId, UUID.randomUUID().toString(), text, null);
    }

    /**
     * Sends a text message. The future completes with {@code accepted} once the server stored it durably;
     * it fails with {@link ParleyApiException} when the server refuses it (not a member, text too long,
     * rate limited…) and with {@link ParleyClosedException} when the client closes first. It never times out
     * by itself: until then the send is retried with the same clientId (see the class guarantees). Calling
     * again with the clientId of a pending send returns that send's outcome; with the clientId of an
     * accepted send, the server answers the original {@code accepted}.
     *
     * @param clientId 1–64 characters unique per sender (a UUID); the idempotency key
     * @param replyTo  the seq of the quoted message in the same chat, or null
     * @throws IllegalArgumentException when clientId or text is invalid (message names the field)
     */
    public CompletableFuture<ServerFrame.Accepted> send(long chatId, String clientId, String text, Long replyTo) {
        return engine.send(new ClientFrame.Send("check", chatId, clientId, null, text, replyTo));
    }

    /** Sends a media message with a fresh random clientId; see {@link #sendMedia(long, String, String, String, String, Long)}. */
    public CompletableFuture<ServerFrame.Accepted> sendMedia(long chatId, String kind, String mediaId, String caption,
                                                            Long replyTo) {
        return sendMedia(chatId, UUID.randomUUID().toString(), kind, mediaId, caption, replyTo);
    }

    /**
     * Sends an image, video or file message naming media uploaded with {@link ParleyMedia#upload} (or media shared
     * in a chat I am in: forwarding). Same outbox, clientId and retry semantics as {@link #send(long, String, String,
     * Long)}. Refused with {@code not_found} when I may not share that media, {@code invalid_frame} when its type does
     * not fit the kind (an {@code image} must be {@code image/*}, a {@code video} {@code video/*}; send anything as
     * {@code file}).
     *
     * @param kind    "image", "video" or "file" ({@link MediaTypes#kindOf} picks one from a type)
     * @param mediaId the media id from the upload
     * @param caption optional text shown with the media, or null
     * @param replyTo the seq of the quoted message in the same chat, or null
     * @throws IllegalArgumentException when the kind, clientId or media id is invalid
     */
    public CompletableFuture<ServerFrame.Accepted> sendMedia(long chatId, String clientId, String kind, String mediaId,
                                                            String caption, Long replyTo) {
        if (!MediaTypes.KINDS.contains(kind)) {
            throw new IllegalArgumentException("media kind must be one of " + MediaTypes.KINDS + ", got \"" + kind + "\"");
        }
        if (mediaId == null) {
            throw new IllegalArgumentException("field 'mediaId' is required for a media message");
        }
        return engine.send(new ClientFrame.Send("check", chatId, clientId, kind, caption, replyTo, mediaId));
    }

    /** Opens (or finds) the direct chat with {@code userId}; the same chat whoever opens it. */
    public CompletableFuture<Views.Chat> openDirect(long userId) {
        return engine.request(id -> new ClientFrame.OpenDirect(id, userId), ServerFrame.ChatResult.class)
                .thenApply(ServerFrame.ChatResult::chat);
    }

    /**
     * My chats, with peers, groups' info, members, watermarks, last entry and unread counts (system entries are
     * never unread). Groups I left or was removed from stay listed with {@code active() == false}, frozen at
     * my removal.
     */
    public CompletableFuture<List<Views.Chat>> chats() {
        return engine.request(ClientFrame.GetChats::new, ServerFrame.Chats.class).thenApply(ServerFrame.Chats::chats);
    }

    /**
     * A page of a chat's history, in ascending seq. With {@code before}: the newest {@code limit} messages
     * with seq &lt; before; with {@code after}: the oldest {@code limit} with seq &gt; after; with neither:
     * the newest page. Use it to fill a gap in a chat's seq. In groups only my latest membership window is visible:
     * from the entry that last added me up to the one that removed me, if any.
     *
     * @param before exclusive upper bound, or null
     * @param after  exclusive lower bound, or null (not together with before)
     * @param limit  1..200, or null for the server's default
     * @throws IllegalArgumentException when both bounds are given or the limit is out of range
     */
    public CompletableFuture<ServerFrame.History> history(long chatId, Long before, Long after, Integer limit) {
        return engine.request(id -> new ClientFrame.GetHistory(id, chatId, before, after, limit),
                ServerFrame.History.class);
    }

    /** Marks chat {@code chatId} read up to {@code seq} (blue ✓✓ for the senders, if receipts are on). */
    public CompletableFuture<Void> markRead(long chatId, long seq) {
        return ok(id -> new ClientFrame.Read(id, chatId, seq));
    }

    /** Turns my read receipts on or off (off: I neither send nor see read watermarks in direct chats). */
    public CompletableFuture<Void> setReadReceipts(boolean enabled) {
        return setPrivacy(enabled, null, null);
    }

    // ---- groups ----

    /** Creates a group with default settings; see {@link #createGroup(String, String, String, List, Boolean, Boolean)}. */
    public CompletableFuture<Views.Chat> createGroup(String name, List<Long> members) {
        return createGroup(name, null, null, members, null, null);
    }

    /**
     * Creates a group with me as its owner and {@code members} as members; completes with the new group's chat.
     * Its seq 1 is the {@code created} system entry, which every member (me included) also receives after a
     * {@code chat} update. Fails with {@code invalid_frame} for a bad name (blank or over 100 characters), a too
     * long description or avatar, or more members than the server allows; {@code not_found} for an unknown user.
     *
     * @param name           1–100 characters
     * @param description    optional, or null
     * @param avatar         optional avatar reference (a URL, say), or null
     * @param members        the other users' ids (may be empty)
     * @param onlyAdminsSend null for the default (everyone may send)
     * @param onlyAdminsEdit null for the default (everyone may edit the name, description and avatar)
     * @throws IllegalArgumentException when {@code members} is null or holds an id below 1
     */
    public CompletableFuture<Views.Chat> createGroup(String name, String description, String avatar,
                                                    List<Long> members, Boolean onlyAdminsSend, Boolean onlyAdminsEdit) {
        List<Long> ids = snapshot(members);
        return engine.request(id -> new ClientFrame.CreateGroup(id, name, description, avatar, ids, onlyAdminsSend,
                onlyAdminsEdit), ServerFrame.ChatResult.class).thenApply(ServerFrame.ChatResult::chat);
    }

    /**
     * Admins: adds users to a group. Completes with the seq of the {@code added} system entry. Refused with
     * {@code forbidden} (I am not an admin), {@code not_found} (not my group, or an unknown user) or
     * {@code invalid_frame} (a user is already a member, the group would be too large).
     *
     * @throws IllegalArgumentException when {@code userIds} is null, empty or holds an id below 1
     */
    public CompletableFuture<ServerFrame.Changed> addMembers(long chatId, List<Long> userIds) {
        List<Long> ids = snapshot(userIds);
        return change(id -> new ClientFrame.AddMembers(id, chatId, ids));
    }

    /** Admins: removes a member (never the owner); completes with the seq of the {@code removed} entry. */
    public CompletableFuture<ServerFrame.Changed> removeMember(long chatId, long userId) {
        return change(id -> new ClientFrame.RemoveMember(id, chatId, userId));
    }

    /**
     * Leaves a group; completes with the seq of the {@code left} entry, the last entry of the chat I receive.
     * When the owner leaves, that entry also names the new owner (the longest-standing admin, else member).
     */
    public CompletableFuture<ServerFrame.Changed> leaveGroup(long chatId) {
        return change(id -> new ClientFrame.LeaveGroup(id, chatId));
    }

    /**
     * Admins: makes a member an admin or an admin a member (never the owner).
     *
     * @param role {@code "admin"} or {@code "member"}
     * @throws IllegalArgumentException for another role
     */
    public CompletableFuture<ServerFrame.Changed> setRole(long chatId, long userId, String role) {
        return change(id -> new ClientFrame.SetRole(id, chatId, userId, role));
    }

    /** Owner: hands ownership to another member; I become an admin. Completes with the {@code owner_changed} seq. */
    public CompletableFuture<ServerFrame.Changed> transferOwnership(long chatId, long userId) {
        return change(id -> new ClientFrame.TransferOwnership(id, chatId, userId));
    }

    /**
     * Changes a group's name, description or avatar (null: unchanged; {@code ""} clears description or avatar).
     * Allowed to every member unless the group is set to only-admins-edit ({@code forbidden}).
     */
    public CompletableFuture<ServerFrame.Changed> editGroup(long chatId, String name, String description, String avatar) {
        return change(id -> new ClientFrame.EditGroup(id, chatId, name, description, avatar));
    }

    /** Admins: changes who may send and who may edit the group info (null: unchanged). */
    public CompletableFuture<ServerFrame.Changed> setGroupSettings(long chatId, Boolean onlyAdminsSend,
                                                                   Boolean onlyAdminsEdit) {
        return change(id -> new ClientFrame.SetGroupSettings(id, chatId, onlyAdminsSend, onlyAdminsEdit));
    }

    /**
     * Sets the chat's disappearing-message timer: {@code seconds} 0 (off), 86400, 604800 or 7776000. Any member of a
     * direct chat; in a group as its settings allow. Messages sent while it is on disappear that long after; members
     * learn it through {@link Listener#onExpired}.
     */
    public CompletableFuture<ServerFrame.Changed> setTimer(long chatId, long seconds) {
        return change(id -> new ClientFrame.SetTimer(id, chatId, seconds));
    }

    /** Admins: creates an invite link (its {@code code}); with {@code approvalRequired}, joins wait for an admin. */
    public CompletableFuture<Views.Invite> createInvite(long chatId, boolean approvalRequired) {
        return engine.request(id -> new ClientFrame.CreateInvite(id, chatId, approvalRequired),
                ServerFrame.InviteResult.class).thenApply(ServerFrame.InviteResult::invite);
    }

    /** Admins: revokes an invite link; {@code not_found} when the group has no valid invite with that code. */
    public CompletableFuture<Void> revokeInvite(long chatId, String code) {
        return ok(id -> new ClientFrame.RevokeInvite(id, chatId, code));
    }

    /** Admins: the group's valid (not revoked) invite links. */
    public CompletableFuture<List<Views.Invite>> invites(long chatId) {
        return engine.request(id -> new ClientFrame.GetInvites(id, chatId), ServerFrame.Invites.class)
                .thenApply(ServerFrame.Invites::invites);
    }

    /**
     * Joins a group through an invite code: {@link JoinResult.Joined} with the chat, or {@link JoinResult.Pending}
     * when an admin must approve first; {@code not_found} for an unknown or revoked code. Idempotent: a member
     * asking again gets {@code Joined} again, a pending request is not filed twice, so it is re-sent after a
     * reconnect.
     *
     * @throws IllegalArgumentException when the code is blank or longer than 64 characters
     */
    public CompletableFuture<JoinResult> joinByInvite(String code) {
        return engine.request(id -> new ClientFrame.JoinByInvite(id, code), ServerFrame.class)
                .thenApply(response -> switch (response) {
                    case ServerFrame.ChatResult c -> new JoinResult.Joined(c.chat());
                    case ServerFrame.JoinPending p -> new JoinResult.Pending(p.chatId());
                    default -> throw new IllegalStateException("expected chat or joinPending, got " + response);
                });
    }

    /** Admins: the requests to join a group waiting for approval, oldest first. */
    public CompletableFuture<List<Views.JoinRequest>> joinRequests(long chatId) {
        return engine.request(id -> new ClientFrame.GetJoinRequests(id, chatId), ServerFrame.JoinRequests.class)
                .thenApply(ServerFrame.JoinRequests::requests);
    }

    /**
     * Admins: approves or rejects a request to join. Completes with the seq of the {@code joined} entry when
     * approved, empty when rejected; {@code not_found} when there is no such request.
     */
    public CompletableFuture<Optional<ServerFrame.Changed>> answerJoinRequest(long chatId, long userId, boolean approve) {
        return engine.request(id -> new ClientFrame.AnswerJoinRequest(id, chatId, userId, approve), ServerFrame.class)
                .thenApply(response -> switch (response) {
                    case ServerFrame.Changed c -> Optional.of(c);
                    case ServerFrame.Ok ok -> Optional.<ServerFrame.Changed>empty();
                    default -> throw new IllegalStateException("expected changed or ok, got " + response);
                });
    }

    /**
     * Who has message {@code seq} of a chat delivered and read, and when (the sender excluded). In groups read
     * times are always shown; in direct chats only if both users share read receipts.
     */
    public CompletableFuture<ServerFrame.MessageInfo> messageInfo(long chatId, long seq) {
        return engine.request(id -> new ClientFrame.GetMessageInfo(id, chatId, seq), ServerFrame.MessageInfo.class);
    }

    /** Round trip to the server; the pong carries the server's time. */
    public CompletableFuture<ServerFrame.Pong> ping() {
        return engine.request(ClientFrame.Ping::new, ServerFrame.Pong.class);
    }

    /**
     * Closes the client for good: acknowledges what was processed, closes the WebSocket with 1000, fails
     * pending sends and requests with {@link ParleyClosedException}, and stops its threads. Idempotent.
     * Waits (at most the close timeout plus a second) until the client stopped; the final CLOSED state is
     * then delivered to the listener and to {@link #closed()}.
     */
    @Override
    public void close() {
        try {
            engine.close().get(closeWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort past the deadline; the loop stops on its own timer
        }
    }

    private CompletableFuture<ServerFrame.Changed> change(Function<String, ClientFrame> frame) {
        return engine.request(frame, ServerFrame.Changed.class);
    }

}

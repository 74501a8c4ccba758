package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

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
 *   <li><b>Reconnect.</b> A lost connection (network error, heartbeat timeout, close codes 1001, 4000, 4008,
 *       4009…) is reopened after an exponential backoff with jitter, resuming after the last processed
 *       cursor. Close codes 1000, 1008, 1009, 4001 (unauthenticated) and 4003 (device revoked) are
 *       terminal: the client closes and fails everything pending with {@link ParleyClosedException}.</li>
 *   <li><b>Threads.</b> All methods are thread-safe and never block, except {@link #close()}. Listener
 *       callbacks and the completion of returned futures run on one dedicated thread per client, in order;
 *       do not block that thread waiting for another future of the same client.</li>
 * </ul>
 */
public final class ParleyClient implements AutoCloseable {
    private final Engine engine;
    private final Duration closeWait;

    ParleyClient(Engine engine, Duration closeWait) {
        this.engine = engine;
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
        return engine.send(chatId, clientId, text, replyTo);
    }

    /** Opens (or finds) the direct chat with {@code userId}; the same chat whoever opens it. */
    public CompletableFuture<Views.Chat> openDirect(long userId) {
        return engine.request(id -> new ClientFrame.OpenDirect(id, userId), ServerFrame.ChatResult.class)
                .thenApply(ServerFrame.ChatResult::chat);
    }

    /** My chats, with peers, watermarks, last message and unread counts. */
    public CompletableFuture<List<Views.Chat>> chats() {
        return engine.request(ClientFrame.GetChats::new, ServerFrame.Chats.class).thenApply(ServerFrame.Chats::chats);
    }

    /**
     * A page of a chat's history, in ascending seq. With {@code before}: the newest {@code limit} messages
     * with seq &lt; before; with {@code after}: the oldest {@code limit} with seq &gt; after; with neither:
     * the newest page. Use it to fill a gap in a chat's seq.
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
        return engine.request(id -> new ClientFrame.Read(id, chatId, seq), ServerFrame.Ok.class).thenApply(ok -> null);
    }

    /** Turns my read receipts on or off (off: I neither send nor see read watermarks). */
    public CompletableFuture<Void> setReadReceipts(boolean enabled) {
        return engine.request(id -> new ClientFrame.SetSettings(id, enabled), ServerFrame.Ok.class)
                .thenApply(ok -> null);
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

    static ScheduledThreadPoolExecutor loopExecutor(String name) {
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name + "-loop").daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}

package dev.parley.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** A text-frame connection factory: the seam between the client's logic and the WebSocket implementation. */
interface Transport {

    /** Opens a connection to {@code uri}; events of that connection go to {@code handler}. */
    CompletableFuture<Connection> open(URI uri, Handler handler);

    /** Receives the events of one connection, from the transport's threads. */
    interface Handler {
        /** A complete text frame. */
        void onText(String text);

        /** The peer closed the connection. Called at most once, and never after {@link #onFailure}. */
        void onClosed(int code, String reason);

        /** The connection broke. Called at most once, and never after {@link #onClosed}. */
        void onFailure(Throwable error);
    }

    /** One open connection. Methods may be called from any thread. */
    interface Connection {
        /** Queues a text frame; frames go out in call order. */
        void send(String text);

        /** Starts a close handshake after the queued frames. */
        void close(int code, String reason);

        /** Drops the connection at once, without a handshake and without calling the handler. */
        void abort();
    }
}

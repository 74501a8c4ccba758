package dev.parley.client;

import java.util.concurrent.ScheduledFuture;

/** The state of one connection attempt; replaced by a fresh one on every reconnect. Event loop only. */
final class Link {
    final String authId;
    Transport.Connection connection;
    /** True once the server answered the auth frame with {@code ready}. */
    boolean ready;
    ScheduledFuture<?> readyTimeout;
    Heartbeat heartbeat;

    Link(int generation) {
        this.authId = "auth" + generation;
    }

    void send(String text) {
        connection.send(text);
    }

    /** True when {@code requestId} is this connection's heartbeat ping waiting for its answer. */
    boolean isHeartbeat(String requestId) {
        return heartbeat != null && heartbeat.awaits(requestId);
    }

    void cancelTimers() {
        cancel(readyTimeout);
        if (heartbeat != null) {
            heartbeat.stop();
        }
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

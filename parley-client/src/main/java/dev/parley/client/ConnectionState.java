package dev.parley.client;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link ParleyClient}'s connection stands. Delivered to {@link Listener#onStateChanged} in order,
 * and readable at any time through {@link ParleyClient#state()}.
 *
 * @param phase     the phase
 * @param closeCode for {@link Phase#RECONNECTING}: the close code of the connection that was lost (1006 for a
 *                  network error or a timeout detected by the client); for {@link Phase#CLOSED}: the code that
 *                  ended the client; 0 otherwise
 * @param reason    the close reason in words for RECONNECTING and CLOSED; empty otherwise
 * @param since     when the client entered this phase (the client's clock)
 */
public record ConnectionState(Phase phase, int closeCode, String reason, Instant since) {

    /** The phases of a client's life. */
    public enum Phase {
        /** Not connected yet: {@link ParleyClient#connect()} was not called. */
        IDLE,
        /** Opening the first connection and authenticating. */
        CONNECTING,
        /** Authenticated ({@code ready}); the backlog of updates after the cursor is being delivered. */
        SYNCING,
        /** The backlog was delivered ({@code synced}); updates arrive live. */
        LIVE,
        /** The connection was lost; a new one will be opened after a backoff delay. */
        RECONNECTING,
        /** Terminal: closed by the application or by a terminal server close code. Nothing more happens. */
        CLOSED
    }

    /** Validates the state; a null reason becomes empty. */
    public ConnectionState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }

    static ConnectionState of(Phase phase, Instant since) {
        return new ConnectionState(phase, 0, "", since);
    }

    /** True for {@link Phase#CLOSED}: the client will never connect again. */
    public boolean isClosed() {
        return phase == Phase.CLOSED;
    }
}

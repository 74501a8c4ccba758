package dev.parley.protocol;

/**
 * WebSocket close codes Parley uses. 1000–1011 are RFC 6455; 4000–4999 are Parley's own.
 * The close reason text says what happened in words; clients switch on the code.
 */
public final class CloseCodes {
    /** Normal close (logout, client asked). */
    public static final int NORMAL = 1000;
    /** The server is shutting down; reconnect (to another node) with backoff. */
    public static final int GOING_AWAY = 1001;
    /** Abusive client: repeated invalid frames. Do not reconnect without fixing the client. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame larger than the hard transport limit; the connection cannot continue. */
    public static final int TOO_BIG = 1009;
    /** No frame and no pong within the idle timeout. */
    public static final int IDLE_TIMEOUT = 4000;
    /** No valid {@code auth} frame in time, or the token is unknown or revoked. Log in again. */
    public static final int UNAUTHENTICATED = 4001;
    /** This device was revoked (logged out, or removed from another device). Its token is dead. */
    public static final int DEVICE_REVOKED = 4003;
    /** Too many requests for too long (flood). Reconnect later with backoff. */
    public static final int FLOOD = 4008;
    /** The client did not read its updates fast enough. Reconnect; delivery resumes from the cursor. */
    public static final int SLOW_CONSUMER = 4009;

    /** Never sent: what a client reports locally when the connection broke without a close frame (RFC 6455). */
    public static final int ABNORMAL = 1006;

    private CloseCodes() {
    }

    /**
     * Whether a client should give up instead of reconnecting after this close code: a normal close, an
     * abusive or oversized client, a dead token or a revoked device. Everything else (1001, 1006, 4000,
     * 4008, 4009, …) is worth a reconnect with backoff.
     */
    public static boolean isTerminal(int code) {
        return code == NORMAL || code == POLICY_VIOLATION || code == TOO_BIG || code == UNAUTHENTICATED
                || code == DEVICE_REVOKED;
    }
}

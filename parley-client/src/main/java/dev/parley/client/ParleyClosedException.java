package dev.parley.client;

/**
 * The {@link ParleyClient} is closed for good, so the operation cannot complete: the application called
 * {@link ParleyClient#close()}, or the server ended the session with a terminal close code (for example
 * 4001 unauthenticated or 4003 device revoked; see {@link dev.parley.protocol.CloseCodes}).
 */
public final class ParleyClosedException extends RuntimeException {
    private final int closeCode;
    private final String reason;

    /**
     * @param closeCode the WebSocket close code that ended the client (1000 when the application closed it)
     * @param reason    the close reason text, never null
     */
    public ParleyClosedException(int closeCode, String reason) {
        super("client closed (code " + closeCode + "): " + reason);
        this.closeCode = closeCode;
        this.reason = reason;
    }

    /** The close code that ended the client. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason in words. */
    public String reason() {
        return reason;
    }
}

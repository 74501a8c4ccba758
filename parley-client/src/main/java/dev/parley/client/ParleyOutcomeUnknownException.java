package dev.parley.client;

/**
 * A request that is not safe to repeat (a group change, creating or revoking an invite, answering a join
 * request) was transmitted, but its connection was lost, or the client closed, before the answer came.
 * The server may or may not have applied it. The client does not transmit it again by itself: a repeated
 * {@code addMembers} would be refused, a repeated {@code editGroup} would announce the change twice. Look at
 * the chat (its system entries arrive through {@link Listener#onMessage}, or use {@link ParleyClient#chats()}
 * and {@link ParleyClient#history}) before deciding to retry.
 */
public final class ParleyOutcomeUnknownException extends RuntimeException {
    private final String requestType;
    private final int closeCode;

    /**
     * @param requestType the frame type of the request, e.g. {@code addMembers}
     * @param requestId   the request's id
     * @param closeCode   the close code that ended the connection ({@code 1006} for a network failure)
     * @param reason      why the connection ended, never null
     */
    public ParleyOutcomeUnknownException(String requestType, String requestId, int closeCode, String reason) {
        super("connection lost (" + closeCode + ": " + reason + ") before the answer to " + requestType + " '"
                + requestId + "'; it may or may not have been applied");
        this.requestType = requestType;
        this.closeCode = closeCode;
    }

    /** The frame type of the request whose outcome is unknown, e.g. {@code addMembers}. */
    public String requestType() {
        return requestType;
    }

    /** The close code of the connection that was lost. */
    public int closeCode() {
        return closeCode;
    }
}

package dev.parley.protocol;

/** A frame could not be decoded; carries the stable code, the request id (if one was readable) and a message. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String requestId, String message) {
        super(message);
        this.code = code;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the offending frame, or null when it had none or could not be read. */
    public String requestId() {
        return requestId;
    }
}

package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;

/**
 * The server refused a request: an HTTP 4xx/5xx with an error body, or a WebSocket {@code error} frame.
 * Switch on {@link #code()}; the message is the server's explanation.
 */
public final class ParleyApiException extends RuntimeException {
    private final ErrorCode code;
    private final int status;

    /**
     * @param code    the stable error code (unknown wire codes map to {@link ErrorCode#INTERNAL})
     * @param status  the HTTP status, or 0 when the error came as a WebSocket {@code error} frame
     * @param message the server's message
     */
    public ParleyApiException(ErrorCode code, int status, String message) {
        super(code.wire() + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + message);
        this.code = code;
        this.status = status;
    }

    /** Builds the exception for a WebSocket {@code error} frame (status 0). */
    public static ParleyApiException of(ServerFrame.Error error) {
        ErrorCode code = ErrorCode.fromWire(error.code());
        String message = code.wire().equals(error.code()) ? error.message()
                : error.message() + " (unknown error code '" + error.code() + "')";
        return new ParleyApiException(code, 0, message);
    }

    /** The stable error code; never null. */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status of the refusal, or 0 when it came over the WebSocket. */
    public int status() {
        return status;
    }
}

package dev.parley.server.http;

import dev.parley.protocol.ErrorCode;

/** An HTTP-level refusal, rendered as {@code {"error":{"code","message"}}} with the code's status. */
public final class HttpError extends RuntimeException {
    private final ErrorCode code;

    public HttpError(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

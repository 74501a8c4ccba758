package dev.parley.server;

import dev.parley.core.service.Failure;
import dev.parley.protocol.ErrorCode;

/** Maps core failures to wire error codes. */
public final class Errors {
    private Errors() {
    }

    public static ErrorCode code(Failure f) {
        return switch (f) {
            case INVALID_ARGUMENT -> ErrorCode.INVALID_FRAME;
            case TEXT_TOO_LONG -> ErrorCode.TEXT_TOO_LONG;
            case WEAK_PASSWORD -> ErrorCode.WEAK_PASSWORD;
            case INVALID_PHONE -> ErrorCode.INVALID_PHONE;
            case INVALID_USERNAME -> ErrorCode.INVALID_USERNAME;
            case USERNAME_TAKEN -> ErrorCode.USERNAME_TAKEN;
            case PHONE_TAKEN -> ErrorCode.PHONE_TAKEN;
            case BAD_CREDENTIALS -> ErrorCode.BAD_CREDENTIALS;
            case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
            case MEDIA_TOO_LARGE -> ErrorCode.MEDIA_TOO_LARGE;
            case MEDIA_TYPE_NOT_ALLOWED -> ErrorCode.MEDIA_TYPE_NOT_ALLOWED;
            case MEDIA_TYPE_MISMATCH -> ErrorCode.MEDIA_TYPE_MISMATCH;
            case OFFSET_MISMATCH -> ErrorCode.OFFSET_MISMATCH;
        };
    }
}

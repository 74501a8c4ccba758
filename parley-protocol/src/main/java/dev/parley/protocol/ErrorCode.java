package dev.parley.protocol;

/**
 * Stable error codes of protocol v1, shared by WebSocket error frames and HTTP error bodies.
 * The wire form is {@link #wire()}; clients switch on it, so names never change once released.
 */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    MALFORMED_JSON("malformed_json"),
    /** The frame's {@code type} is missing or not one of protocol v1. */
    UNKNOWN_TYPE("unknown_type"),
    /** A field is missing, has the wrong JSON type, or is out of range; the message names the field. */
    INVALID_FRAME("invalid_frame"),
    /** The frame or body is larger than the configured limit. */
    FRAME_TOO_LARGE("frame_too_large"),
    /** A message text is longer than the configured limit. */
    TEXT_TOO_LONG("text_too_long"),
    /** A request that needs authentication arrived before it, or the token is unknown or revoked. */
    UNAUTHENTICATED("unauthenticated"),
    /** The caller is authenticated but may not do this (for example: not a member of the chat). */
    FORBIDDEN("forbidden"),
    /** The addressed user, chat, device or message does not exist (or is not visible to the caller). */
    NOT_FOUND("not_found"),
    /** Too many requests; slow down. */
    RATE_LIMITED("rate_limited"),
    /** The password does not meet the policy. */
    WEAK_PASSWORD("weak_password"),
    /** The phone number is not in E.164 form. */
    INVALID_PHONE("invalid_phone"),
    /** The username does not match the allowed pattern. */
    INVALID_USERNAME("invalid_username"),
    /** The username is already registered. */
    USERNAME_TAKEN("username_taken"),
    /** The phone number is already registered. */
    PHONE_TAKEN("phone_taken"),
    /** Login name or password is wrong. */
    BAD_CREDENTIALS("bad_credentials"),
    /** An upload is larger than the configured maximum, or more bytes arrived than were announced. */
    MEDIA_TOO_LARGE("media_too_large"),
    /** The declared media type is not among the types this server accepts. */
    MEDIA_TYPE_NOT_ALLOWED("media_type_not_allowed"),
    /** The uploaded bytes are not of the declared type. */
    MEDIA_TYPE_MISMATCH("media_type_mismatch"),
    /** An upload was continued at another offset than the server holds; the response names the right one. */
    OFFSET_MISMATCH("offset_mismatch"),
    /** A Range request lies outside the content. */
    RANGE_NOT_SATISFIABLE("range_not_satisfiable"),
    /** The HTTP method is not supported on this path. */
    METHOD_NOT_ALLOWED("method_not_allowed"),
    /** The server is shutting down or not ready. */
    UNAVAILABLE("unavailable"),
    /** An unexpected server error; nothing the client sent was lost or half-applied. */
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** HTTP status for this code when it is returned from the HTTP API. */
    public int httpStatus() {
        return switch (this) {
            case MALFORMED_JSON, UNKNOWN_TYPE, INVALID_FRAME, TEXT_TOO_LONG, WEAK_PASSWORD, INVALID_PHONE,
                 INVALID_USERNAME -> 400;
            case UNAUTHENTICATED, BAD_CREDENTIALS -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case USERNAME_TAKEN, PHONE_TAKEN, OFFSET_MISMATCH -> 409;
            case FRAME_TOO_LARGE, MEDIA_TOO_LARGE -> 413;
            case MEDIA_TYPE_NOT_ALLOWED, MEDIA_TYPE_MISMATCH -> 415;
            case RANGE_NOT_SATISFIABLE -> 416;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    public static ErrorCode fromWire(String wire) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        return INTERNAL;
    }
}

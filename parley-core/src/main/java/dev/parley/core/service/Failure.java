package dev.parley.core.service;

/** Why a service call was refused. The gateway maps each to a wire error code. */
public enum Failure {
    INVALID_ARGUMENT,
    TEXT_TOO_LONG,
    WEAK_PASSWORD,
    INVALID_PHONE,
    INVALID_USERNAME,
    USERNAME_TAKEN,
    PHONE_TAKEN,
    BAD_CREDENTIALS,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    RATE_LIMITED,
    /** An upload is larger than the configured maximum, or more bytes arrived than were announced. */
    MEDIA_TOO_LARGE,
    /** The declared media type is not among the allowed types. */
    MEDIA_TYPE_NOT_ALLOWED,
    /** The bytes are not of the declared type (or of no allowed type). */
    MEDIA_TYPE_MISMATCH,
    /** A resumable upload continued at another offset than the server holds. */
    OFFSET_MISMATCH
}

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
    RATE_LIMITED
}

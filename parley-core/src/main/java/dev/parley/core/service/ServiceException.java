package dev.parley.core.service;

/** A refused request: nothing was changed. The message names the value and what was expected. */
public final class ServiceException extends RuntimeException {
    private final Failure failure;

    public ServiceException(Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}

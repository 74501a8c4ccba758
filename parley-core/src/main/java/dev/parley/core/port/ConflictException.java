package dev.parley.core.port;

/** A uniqueness rule of a store was violated; {@code field} names it ("username", "phone"). */
public final class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package dev.parley.protocol;

/** Field checks shared by the frame records; each message names the field and what was expected. */
final class Frames {
    private Frames() {
    }

    static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    "field '" + field + "' must be at most " + maxLength + " characters, got " + value.length());
        }
    }

    static void requireNonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be >= 0, got " + value);
        }
    }
}

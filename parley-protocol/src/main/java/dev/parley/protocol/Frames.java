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

    static void requireIds(String field, java.util.List<Long> ids) {
        if (ids == null) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of user ids");
        }
        if (ids.size() > 1024) {
            throw new IllegalArgumentException("field '" + field + "' must have at most 1024 ids, got " + ids.size());
        }
        for (Long id : ids) {
            if (id == null || id < 1) {
                throw new IllegalArgumentException("field '" + field + "' must hold positive user ids, got " + id);
            }
        }
    }

    static void requireVisibility(String field, String value) {
        if (value != null && !value.equals("everyone") && !value.equals("contacts") && !value.equals("nobody")) {
            throw new IllegalArgumentException("field '" + field + "' must be \"everyone\", \"contacts\" or \"nobody\", got \""
                    + value + "\"");
        }
    }

    static void requireNonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be >= 0, got " + value);
        }
    }
}

package dev.parley.core.service;

import dev.parley.core.model.GroupInfo;

/** Checks of group fields; each failure names the field, the value's size and the limit. */
final class GroupValidation {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_AVATAR = 500;

    private GroupValidation() {
    }

    static GroupInfo info(String name, String description, String avatar) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new ServiceException(Failure.INVALID_ARGUMENT,
                    "group name must have 1-" + MAX_NAME + " characters, got " + n.length());
        }
        return new GroupInfo(n, optional("description", description, MAX_DESCRIPTION), optional("avatar", avatar, MAX_AVATAR));
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new ServiceException(Failure.INVALID_ARGUMENT,
                    field + " must have at most " + max + " characters, got " + value.length());
        }
        return value.strip();
    }
}

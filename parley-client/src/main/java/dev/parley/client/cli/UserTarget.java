package dev.parley.client.cli;

import picocli.CommandLine;

/**
 * A user named on the command line: {@code @alice} (a username) or {@code 7} (a user id).
 *
 * @param userId   the user id, or null
 * @param username the username without the @, or null
 */
record UserTarget(Long userId, String username) {

    static UserTarget parse(String text) {
        if (text.startsWith("@") && text.length() > 1) {
            return new UserTarget(null, text.substring(1));
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return new UserTarget(id, null);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected @username or a user id (a positive number), got '" + text + "'");
    }

    @Override
    public String toString() {
        return userId != null ? String.valueOf(userId) : "@" + username;
    }

    /** Picocli converter, so a bad user is a usage error naming the value. */
    static final class Converter implements CommandLine.ITypeConverter<UserTarget> {
        @Override
        public UserTarget convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

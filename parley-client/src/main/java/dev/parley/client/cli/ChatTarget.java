package dev.parley.client.cli;

import picocli.CommandLine;

/**
 * A chat named on the command line: a chat id ({@code 12}) or the direct chat with a user ({@code @alice}).
 *
 * @param chatId   the chat id, or null
 * @param username the peer's username, or null
 */
record ChatTarget(Long chatId, String username) {

    static ChatTarget parse(String text) {
        if (text.startsWith("@") && text.length() > 1) {
            return new ChatTarget(null, text.substring(1));
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return new ChatTarget(id, null);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected a chat id (a positive number) or @username, got '" + text + "'");
    }

    /** Picocli converter of a bare chat id (groups have no @name), so a bad id is a usage error naming it. */
    static final class IdConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            ChatTarget target;
            try {
                target = parse(value);
            } catch (IllegalArgumentException e) {
                target = null;
            }
            if (target == null || target.chatId() == null) {
                throw new CommandLine.TypeConversionException("expected a chat id (a positive number), got '" + value + "'");
            }
            return target.chatId();
        }
    }

    /** Picocli converter, so a bad target is a usage error naming the value. */
    static final class Converter implements CommandLine.ITypeConverter<ChatTarget> {
        @Override
        public ChatTarget convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats a message as one terminal line: {@code [12:01:05] Alice: hello} (older days get a date); a media message
 * as {@code [12:01:05] Alice: [image beach.jpg 2.5 MB 1600×1200, media ID] the beach!}; a group's system entry as
 * {@code [12:01:05] * Alice added Bob}.
 */
final class MessageLines {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final ZoneId zone;
    private final UserNames names;
    private final SystemLines system;

    MessageLines(Clock clock, ZoneId zone, UserNames names) {
        this.clock = clock;
        this.zone = zone;
        this.names = names;
        this.system = new SystemLines(names);
    }

    /** The names used for senders. */
    UserNames names() {
        return names;
    }

    String format(Views.Message message) {
        return "[" + time(message.ts()) + "] " + summary(message);
    }

    /** The line without its time: {@code Alice (reply to #3): hello}, or {@code * Alice added Bob}. */
    String summary(Views.Message message) {
        if (message.system() != null) {
            return "* " + system.describe(message.system());
        }
        String reply = message.replyTo() == null ? "" : " (reply to #" + message.replyTo() + ")";
        return names.of(message.senderId()) + reply + ": " + body(message);
    }

    /** The text, or the media and its caption: {@code [image beach.jpg 2.5 MB 1600×1200, media ID] the beach!}. */
    static String body(Views.Message message) {
        if (message.media() != null) {
            return MediaLines.describe(message.kind(), message.media())
                    + (message.text() == null || message.text().isEmpty() ? "" : " " + message.text());
        }
        return message.text() != null ? message.text() : "(" + message.kind() + " message)";
    }

    /** True when {@code message} is the system entry that ends the logged-in user's membership (removed, left). */
    boolean endsMyMembership(Views.Message message) {
        Views.SystemEvent event = message.system();
        if (event == null) {
            return false;
        }
        return "left".equals(event.action()) && names.isSelf(event.actorId())
                || "removed".equals(event.action()) && event.userIds() != null
                && event.userIds().stream().anyMatch(names::isSelf);
    }

    String time(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        boolean today = at.toLocalDate().equals(LocalDate.now(clock.withZone(zone)));
        return (today ? TODAY : OLDER).format(at);
    }
}

package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats a message as one terminal line: {@code [12:01:05] Alice: hello} (older days get a date); a group's
 * system entry as {@code [12:01:05] * Alice added Bob}.
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
        String text = message.text() != null ? message.text() : "(" + message.kind() + " message)";
        return names.of(message.senderId()) + reply + ": " + text;
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

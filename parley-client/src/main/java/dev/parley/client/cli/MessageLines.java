package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Formats a message as one terminal line: {@code [12:01:05] Alice: hello} (older days get a date). */
final class MessageLines {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final ZoneId zone;
    private final UserNames names;

    MessageLines(Clock clock, ZoneId zone, UserNames names) {
        this.clock = clock;
        this.zone = zone;
        this.names = names;
    }

    String format(Views.Message message) {
        String reply = message.replyTo() == null ? "" : " (reply to #" + message.replyTo() + ")";
        return "[" + time(message.ts()) + "] " + names.of(message.senderId()) + reply + ": " + message.text();
    }

    String time(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        boolean today = at.toLocalDate().equals(LocalDate.now(clock.withZone(zone)));
        return (today ? TODAY : OLDER).format(at);
    }
}

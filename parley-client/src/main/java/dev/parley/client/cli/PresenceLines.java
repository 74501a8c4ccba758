package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Presence and typing in words: {@code online}, {@code last seen today at 11:58}, {@code hidden};
 * {@code Bob is typing…}. Fields the server left out (hidden by privacy settings or a block) are never guessed.
 */
final class PresenceLines {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final ZoneId zone;

    PresenceLines(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** "online", "last seen today at 11:58", "offline" (last seen hidden or unknown), "hidden" (nothing visible). */
    String describe(Views.Presence presence) {
        if (Boolean.TRUE.equals(presence.online())) {
            return "online";
        }
        if (presence.lastSeen() != null) {
            return "last seen " + when(presence.lastSeen());
        }
        return Boolean.FALSE.equals(presence.online()) ? "offline" : "hidden";
    }

    /** A change of someone's presence as a sentence: "Bob is online", "Bob was last seen today at 12:01". */
    String change(String name, Views.Presence presence) {
        if (Boolean.TRUE.equals(presence.online())) {
            return name + " is online";
        }
        if (presence.lastSeen() != null) {
            return name + " was last seen " + when(presence.lastSeen());
        }
        return Boolean.FALSE.equals(presence.online()) ? name + " is offline" : name + "'s presence is hidden";
    }

    /** "Bob is typing…", "Bob is recording audio…", "Bob stopped typing"; an unknown state reads as typing. */
    static String typing(String name, String state) {
        return switch (state) {
            case "recording" -> name + " is recording audio…";
            case "stopped" -> name + " stopped typing";
            case null, default -> name + " is typing…";
        };
    }

    /** "today at 11:58", "yesterday at 20:15", or "2025-02-27 08:30" (in the CLI's zone). */
    String when(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (at.toLocalDate().equals(today)) {
            return "today at " + CLOCK.format(at);
        }
        if (at.toLocalDate().equals(today.minusDays(1))) {
            return "yesterday at " + CLOCK.format(at);
        }
        return DATE.format(at);
    }
}

package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a group's system entry in words: {@code Alice added Bob and Carol}, {@code You left},
 * {@code Bob is now the owner}. The logged-in user is "You"/"you". Unknown actions show as
 * {@code Alice: <action>}, so a newer server does not break the CLI.
 */
final class SystemLines {
    /** Longest list of names spelled out; beyond it the rest is counted ("and 3 others"). */
    private static final int MAX_NAMES = 4;

    private final UserNames names;

    SystemLines(UserNames names) {
        this.names = names;
    }

    String describe(Views.SystemEvent event) {
        String actor = subject(event.actorId());
        List<Long> users = event.userIds() == null ? List.of() : event.userIds();
        return switch (event.action()) {
            case "created" -> actor + " created the group" + quoted(" ", event.name())
                    + (users.isEmpty() ? "" : " with " + list(users));
            case "added" -> actor + " added " + list(users);
            case "removed" -> actor + " removed " + list(users);
            case "left" -> actor + " left" + ("owner".equals(event.role()) && !users.isEmpty()
                    ? "; " + ownerNow(users.getFirst(), false) : "");
            case "joined" -> actor + " joined using an invite link"
                    + (users.isEmpty() ? "" : ", approved by " + list(users));
            case "role_changed" -> "admin".equals(event.role()) ? actor + " made " + list(users) + " admin"
                    : actor + " dismissed " + list(users) + " as admin";
            case "owner_changed" -> users.isEmpty() ? actor + " changed the owner" : ownerNow(users.getFirst(), true);
            case "info_changed" -> actor + " changed the group info" + info(event);
            case "settings_changed" -> actor + " changed the settings" + settings(event);
            case "timer_changed" -> actor + timer(event.timerSeconds());
            case null -> actor + ": (no action)";
            default -> actor + ": " + event.action();
        };
    }

    private static String timer(Long seconds) {
        if (seconds == null || seconds == 0) {
            return " turned off disappearing messages";
        }
        long days = seconds / 86_400;
        return " turned on disappearing messages: " + (days == 1 ? "24 hours" : days + " days");
    }

    /** "Bob is now the owner", or "You/you are now the owner" ({@code start}: at the start of the line). */
    private String ownerNow(long userId, boolean start) {
        return names.isSelf(userId) ? (start ? "You" : "you") + " are now the owner" : names.of(userId) + " is now the owner";
    }

    private String subject(long userId) {
        return names.isSelf(userId) ? "You" : names.of(userId);
    }

    private String object(long userId) {
        return names.isSelf(userId) ? "you" : names.of(userId);
    }

    /** "Bob", "Bob and Carol", "Bob, Carol and Dave", "Bob, Carol, Dave, Erin and 2 others". */
    private String list(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return "nobody";
        }
        List<String> shown = new ArrayList<>();
        userIds.stream().limit(MAX_NAMES).forEach(id -> shown.add(object(id)));
        int rest = userIds.size() - shown.size();
        if (rest > 0) {
            return String.join(", ", shown) + " and " + rest + (rest == 1 ? " other" : " others");
        }
        if (shown.size() == 1) {
            return shown.getFirst();
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.getLast();
    }

    private static String info(Views.SystemEvent event) {
        List<String> parts = new ArrayList<>();
        if (event.name() != null) {
            parts.add("name " + quoted("", event.name()));
        }
        if (event.description() != null && !event.description().isEmpty()) {
            parts.add("description " + quoted("", Table.truncate(event.description(), 40)));
        }
        if (event.avatar() != null && !event.avatar().isEmpty()) {
            parts.add("avatar set");
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String settings(Views.SystemEvent event) {
        List<String> parts = new ArrayList<>();
        if (event.onlyAdminsSend() != null) {
            parts.add(event.onlyAdminsSend() ? "only admins can send" : "everyone can send");
        }
        if (event.onlyAdminsEdit() != null) {
            parts.add(event.onlyAdminsEdit() ? "only admins can edit the group info" : "everyone can edit the group info");
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String quoted(String prefix, String text) {
        return text == null ? "" : prefix + "\"" + text + "\"";
    }
}

package dev.parley.store.sql;

import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text form of a {@link SystemEvent} in {@code messages.system}: eight fields separated by {@code |}, and a
 * ninth when the event carries a timer
 * <pre>
 * ACTION|actorId|userIds|role|name|description|avatar|settings[|timerSeconds]
 *   ACTION       SystemEvent.Action name
 *   actorId      decimal
 *   userIds      decimal ids separated by ',' ("" when none), in the event's order
 *   role         Role name, or null
 *   name, description, avatar   the GroupInfo; all three null when the event has no info
 *   settings     two digits onlyAdminsSend onlyAdminsEdit ("10" = only admins send), or null
 *   timerSeconds decimal (TIMER_CHANGED); absent when the event has no timer, so every event stored before
 *                timers existed reads back unchanged and events without a timer are still written the same
 * </pre>
 * Null is written {@code \0}. In text, {@code \} is written {@code \\} and {@code |} is written {@code \|};
 * nothing else is escaped, so names in any script stay as short as they are. Examples:
 * {@code CREATED|7|8,9|\0|Family|\0|\0|00}, {@code ROLE_CHANGED|7|9|ADMIN|\0|\0|\0|\0},
 * {@code INFO_CHANGED|7||\0|Trip \| 2026|Bring boots|\0|\0}, {@code TIMER_CHANGED|7||\0|\0|\0|\0|\0|86400}.
 * An info is written only with its name (a GroupInfo always has one), so "no info" is told by a null name.
 */
final class SystemEventCodec {
    private static final char SEPARATOR = '|';
    private static final char ESCAPE = '\\';
    private static final String NULL = "\\0";
    private static final int FIELDS = 8;
    private static final int FIELDS_WITH_TIMER = 9;

    private SystemEventCodec() {
    }

    static String encode(SystemEvent event) {
        GroupInfo info = event.info();
        GroupSettings settings = event.settings();
        List<String> fields = Arrays.asList(event.action().name(), Long.toString(event.actorId()),
                event.userIds().stream().map(String::valueOf).collect(Collectors.joining(",")),
                event.role() == null ? null : event.role().name(),
                info == null ? null : info.name(), info == null ? null : info.description(),
                info == null ? null : info.avatar(),
                settings == null ? null : flag(settings.onlyAdminsSend()) + flag(settings.onlyAdminsEdit()));
        if (event.timerSeconds() != null) {
            fields = new ArrayList<>(fields);
            fields.add(Long.toString(event.timerSeconds()));
        }
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            appendField(text, field);
        }
        return text.toString();
    }

    /** The event of {@code text}; null for null (an entry that is not a system entry). */
    static SystemEvent decode(String text) {
        if (text == null) {
            return null;
        }
        List<String> fields = split(text);
        if (fields.size() != FIELDS && fields.size() != FIELDS_WITH_TIMER) {
            throw new IllegalStateException("stored system event '" + text + "' has " + fields.size()
                    + " fields; expected " + FIELDS + " or " + FIELDS_WITH_TIMER);
        }
        GroupInfo info = fields.get(4) == null ? null : new GroupInfo(fields.get(4), fields.get(5), fields.get(6));
        Long timer = fields.size() == FIELDS_WITH_TIMER ? timer(fields.get(8), text) : null;
        return new SystemEvent(Action.valueOf(fields.get(0)), Long.parseLong(fields.get(1)), ids(fields.get(2)),
                fields.get(3) == null ? null : Role.valueOf(fields.get(3)), info, settings(fields.get(7), text),
                timer);
    }

    private static void appendField(StringBuilder text, String field) {
        if (field == null) {
            text.append(NULL);
            return;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ESCAPE || c == SEPARATOR) {
                text.append(ESCAPE);
            }
            text.append(c);
        }
    }

    /** The fields of {@code text}, escapes resolved; a field that is exactly {@code \0} is null. */
    private static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == SEPARATOR) {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
            } else if (c == ESCAPE && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next == '0' && field.isEmpty()) {
                    isNull = true;
                } else {
                    field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        fields.add(isNull ? null : field.toString());
        return fields;
    }

    private static List<Long> ids(String field) {
        if (field == null || field.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(field.split(",")).map(Long::valueOf).toList();
    }

    private static GroupSettings settings(String field, String text) {
        if (field == null) {
            return null;
        }
        if (!field.matches("[01]{2}")) {
            throw new IllegalStateException("stored system event '" + text + "' has settings '" + field
                    + "'; expected two digits 0/1");
        }
        return new GroupSettings(field.charAt(0) == '1', field.charAt(1) == '1');
    }

    private static Long timer(String field, String text) {
        if (field == null || !field.matches("[0-9]{1,19}")) {
            throw new IllegalStateException("stored system event '" + text + "' has timer '" + field
                    + "'; expected a decimal number of seconds");
        }
        return Long.valueOf(field);
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}

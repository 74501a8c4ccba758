package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemEventCodecTest {

    @Test
    void theDocumentedExamplesAreWhatIsWritten() {
        assertThat(SystemEventCodec.encode(new SystemEvent(Action.CREATED, 7, List.of(8L, 9L), null,
                new GroupInfo("Family", null, null), new GroupSettings(false, false))))
                .isEqualTo("CREATED|7|8,9|\\0|Family|\\0|\\0|00");
        assertThat(SystemEventCodec.encode(new SystemEvent(Action.ROLE_CHANGED, 7, List.of(9L), Role.ADMIN, null,
                null))).isEqualTo("ROLE_CHANGED|7|9|ADMIN|\\0|\\0|\\0|\\0");
        assertThat(SystemEventCodec.encode(new SystemEvent(Action.INFO_CHANGED, 7, List.of(), null,
                new GroupInfo("Trip | 2026", "Bring boots", null), null)))
                .isEqualTo("INFO_CHANGED|7||\\0|Trip \\| 2026|Bring boots|\\0|\\0");
        assertThat(SystemEventCodec.encode(new SystemEvent(Action.TIMER_CHANGED, 7, List.of(), null, null, null,
                86_400L))).isEqualTo("TIMER_CHANGED|7||\\0|\\0|\\0|\\0|\\0|86400");
    }

    @Test
    void eventsWithoutATimerAreWrittenAsBeforeTimersExisted() {
        String stored = "SETTINGS_CHANGED|4||\\0|\\0|\\0|\\0|01";
        SystemEvent event = new SystemEvent(Action.SETTINGS_CHANGED, 4, List.of(), null, null,
                new GroupSettings(false, true));

        assertThat(SystemEventCodec.decode(stored)).isEqualTo(event);
        assertThat(event.timerSeconds()).isNull();
        assertThat(SystemEventCodec.encode(event)).isEqualTo(stored);
    }

    @Test
    void everyEventSurvivesARoundTrip() {
        List<SystemEvent> events = List.of(
                new SystemEvent(Action.CREATED, 1, List.of(2L, 3L), null, new GroupInfo("n", "d", "a"),
                        new GroupSettings(true, false)),
                new SystemEvent(Action.LEFT, 4, List.of(), null, null, null),
                new SystemEvent(Action.LEFT, 4, List.of(5L), Role.OWNER, null, null),
                new SystemEvent(Action.OWNER_CHANGED, 4, List.of(5L), Role.OWNER, null, null),
                new SystemEvent(Action.SETTINGS_CHANGED, 4, List.of(), null, null, new GroupSettings(false, true)),
                new SystemEvent(Action.INFO_CHANGED, 4, List.of(), null, new GroupInfo("", "", ""), null),
                new SystemEvent(Action.INFO_CHANGED, 4, List.of(), null,
                        new GroupInfo("\\0", "a\\|b||\\\\", "0\\"), null),
                new SystemEvent(Action.JOINED, 6, List.of(7L), null, null, null),
                new SystemEvent(Action.INFO_CHANGED, 4, List.of(), null,
                        new GroupInfo("Климат 🧗 المناخ", "line\nbreak\ttab", "media:9"), null),
                new SystemEvent(Action.TIMER_CHANGED, 4, List.of(), null, null, null, 0L),
                new SystemEvent(Action.TIMER_CHANGED, 4, List.of(), null, null, null, 604_800L));

        for (SystemEvent event : events) {
            assertThat(SystemEventCodec.decode(SystemEventCodec.encode(event))).as(event.toString()).isEqualTo(event);
        }
        assertThat(SystemEventCodec.decode(null)).isNull();
    }

    @Test
    void aCorruptValueIsReportedWithTheText() {
        assertThatThrownBy(() -> SystemEventCodec.decode("ADDED|1|2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ADDED|1|2'").hasMessageContaining("3 fields");
        assertThatThrownBy(() -> SystemEventCodec.decode("ADDED|1||\\0|\\0|\\0|\\0|yes"))
                .hasMessageContaining("settings 'yes'");
        assertThatThrownBy(() -> SystemEventCodec.decode("TIMER_CHANGED|1||\\0|\\0|\\0|\\0|\\0|soon"))
                .hasMessageContaining("timer 'soon'");
        assertThatThrownBy(() -> SystemEventCodec.decode("ADDED|1||\\0|\\0|\\0|\\0|\\0|1|2"))
                .hasMessageContaining("10 fields");
    }
}

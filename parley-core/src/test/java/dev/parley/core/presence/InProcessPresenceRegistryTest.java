package dev.parley.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Presence;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InProcessPresenceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456789Z");
    private final InProcessPresenceRegistry registry =
            new InProcessPresenceRegistry(Duration.ofSeconds(45), Duration.ofSeconds(5));

    @Test
    void firstConnectionBringsTheUserOnlineAndASecondChangesNothing() {
        assertThat(registry.connected(7, 1, T0)).contains(new Presence(7, true, null));
        assertThat(registry.connected(7, 2, T0)).isEmpty();
        assertThat(registry.presence(7).online()).isTrue();
    }

    @Test
    void theLastConnectionClosingStartsTheGracePeriodAndTheSweepEndsIt() {
        registry.connected(7, 1, T0);
        registry.connected(7, 2, T0);
        registry.disconnected(7, 1, T0.plusSeconds(1));
        assertThat(registry.sweep(T0.plusSeconds(30))).isEmpty();
        registry.disconnected(7, 2, T0.plusSeconds(2));
        assertThat(registry.sweep(T0.plusSeconds(6))).isEmpty();
        assertThat(registry.sweep(T0.plusSeconds(7))).containsExactly(new Presence(7, false, T0.plusSeconds(2)));
        assertThat(registry.presence(7)).isEqualTo(new Presence(7, false, T0.plusSeconds(2)));
    }

    @Test
    void silentConnectionsTimeOutAtTheirLatestHeartbeatExactToTheNanosecond() {
        registry.connected(7, 1, T0);
        registry.connected(7, 2, T0);
        Instant beat = T0.plusSeconds(10);
        assertThat(registry.heartbeat(7, 2, beat)).isEmpty();
        assertThat(registry.sweep(beat.plusSeconds(45))).isEmpty();
        assertThat(registry.sweep(beat.plusSeconds(45).plusNanos(1))).containsExactly(new Presence(7, false, beat));
        assertThat(registry.heartbeat(7, 1, beat.plusSeconds(60))).contains(new Presence(7, true, null));
    }

    @Test
    void heartbeatsOfUnknownOrClosedConnectionsAreIgnored() {
        assertThat(registry.heartbeat(7, 1, T0)).isEmpty();
        registry.connected(7, 1, T0);
        registry.disconnected(7, 1, T0);
        registry.sweep(T0.plusSeconds(5));
        assertThat(registry.heartbeat(7, 1, T0.plusSeconds(6))).isEmpty();
        assertThat(registry.heartbeat(8, 1, T0.plusSeconds(6))).isEmpty();
        assertThat(registry.presence(7).online()).isFalse();
    }
}

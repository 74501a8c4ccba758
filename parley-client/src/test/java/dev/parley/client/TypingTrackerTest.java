package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypingTrackerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final TypingTracker tracker = new TypingTracker(clock);

    private static ServerFrame.TypingFrame frame(long chatId, long userId, String state) {
        return new ServerFrame.TypingFrame(chatId, userId, state, 6000);
    }

    @Test
    void aBurstIsReportedOnceAndExpiresAfterExpiresInMs() {
        assertThat(tracker.onTyping(frame(9, 2, "typing"))).isTrue();
        clock.advance(Duration.ofSeconds(4));
        assertThat(tracker.onTyping(frame(9, 2, "typing"))).isFalse();
        assertThat(tracker.typing(9)).singleElement().satisfies(t -> {
            assertThat(t.since()).isEqualTo(T0);
            assertThat(t.expiresAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(t.state()).isEqualTo("typing");
        });
        assertThat(tracker.nextExpiry()).hasValue(T0.plusSeconds(10));
        clock.advance(Duration.ofMillis(5999));
        assertThat(tracker.typing(9)).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(tracker.typing(9)).isEmpty();
        assertThat(tracker.nextExpiry()).isEmpty();
        assertThat(tracker.onTyping(frame(9, 2, "typing"))).as("a new burst after the expiry").isTrue();
    }

    @Test
    void switchingStateIsAChangeAndStoppedClearsIt() {
        tracker.onTyping(frame(9, 2, "typing"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.onTyping(frame(9, 2, "recording"))).isTrue();
        assertThat(tracker.typing(9)).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo("recording");
            assertThat(t.since()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(tracker.onTyping(frame(9, 2, "stopped"))).isTrue();
        assertThat(tracker.typing(9)).isEmpty();
        assertThat(tracker.onTyping(frame(9, 2, "stopped"))).as("stopped when nobody is shown").isFalse();
    }

    @Test
    void aMessageFromTheTypistEndsTheIndicatorInThatChatOnly() {
        tracker.onTyping(frame(9, 2, "typing"));
        tracker.onTyping(frame(8, 2, "typing"));
        Views.Message message = new Views.Message(9, 4, "m4", 2, 1, "c4", "text", "hi", null, 0, null);
        assertThat(tracker.onMessage(message)).isTrue();
        assertThat(tracker.onMessage(message)).isFalse();
        assertThat(tracker.typing(9)).isEmpty();
        assertThat(tracker.typing(8)).extracting(TypingTracker.Typist::userId).containsExactly(2L);
    }

    @Test
    void severalTypistsAreListedByWhenTheyStarted() {
        tracker.onTyping(frame(7, 3, "typing"));
        clock.advance(Duration.ofSeconds(1));
        tracker.onTyping(frame(7, 2, "recording"));
        clock.advance(Duration.ofSeconds(1));
        tracker.onTyping(frame(7, 3, "typing"));
        tracker.onTyping(new ServerFrame.TypingFrame(7, 4, "drawing", 1000));
        assertThat(tracker.typing(7)).extracting(TypingTracker.Typist::userId).containsExactly(3L, 2L, 4L);
        assertThat(tracker.nextExpiry()).hasValue(T0.plusSeconds(3));
        tracker.clear();
        assertThat(tracker.typing(7)).isEmpty();
    }

    @Test
    void aZeroExpiryShowsNothing() {
        assertThat(tracker.onTyping(new ServerFrame.TypingFrame(9, 2, "typing", 0))).isFalse();
        assertThat(tracker.typing(9)).isEmpty();
    }
}

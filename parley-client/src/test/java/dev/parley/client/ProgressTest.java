package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress throttle: forward only, about 20 calls a second, the total always. */
class ProgressTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MediaTestSupport.Recorder heard = new MediaTestSupport.Recorder();
    private final Progress progress = new Progress(heard, now::get);

    @Test
    void callsAtMostOncePerIntervalButAlwaysReportsTheTotalOnce() {
        progress.total(1000);
        progress.at(0);
        progress.at(10);
        progress.at(20);
        now.addAndGet(Progress.INTERVAL_NANOS);
        progress.at(30);
        progress.at(1000);
        progress.finish();
        assertThat(heard.calls).extracting(c -> c[0]).containsExactly(0L, 30L, 1000L);
        assertThat(heard.calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(1000));
    }

    @Test
    void neverGoesBackAfterARetryRestartsLower() {
        progress.total(1000);
        progress.at(600);
        now.addAndGet(Progress.INTERVAL_NANOS);
        progress.at(400);
        now.addAndGet(Progress.INTERVAL_NANOS);
        progress.at(700);
        progress.at(5000);
        heard.assertCompleteAndMonotonic(1000);
        assertThat(heard.calls).extracting(c -> c[0]).containsExactly(600L, 700L, 1000L);
    }

    @Test
    void finishJumpsToTheTotal() {
        progress.total(42);
        progress.finish();
        progress.finish();
        assertThat(heard.calls).singleElement().satisfies(c -> assertThat(c).containsExactly(42, 42));
    }

    @Test
    void anUnknownTotalIsPassedOnAsMinusOne() {
        progress.at(5);
        progress.finish();
        assertThat(heard.calls).singleElement().satisfies(c -> assertThat(c).containsExactly(5, -1));
    }
}

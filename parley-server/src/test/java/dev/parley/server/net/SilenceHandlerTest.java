package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.net.SilenceHandler.Silence;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single silence timer on a channel with frozen time: pings per ping interval, one timeout, reads reset. */
class SilenceHandlerTest {
    private final List<Object> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SilenceHandler silence = new SilenceHandler(300, 900);

    SilenceHandlerTest() {
        channel.freezeTime();
        channel.pipeline().addLast(silence, new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    @Test
    void pingsAfterEachPingIntervalOfSilenceThenTimesOutOnce() {
        advance(299);
        assertThat(events).isEmpty();
        advance(1);
        assertThat(events).containsExactly(Silence.PING);
        advance(300);
        assertThat(events).containsExactly(Silence.PING, Silence.PING);
        advance(300);
        assertThat(events).containsExactly(Silence.PING, Silence.PING, Silence.TIMEOUT);
        advance(5000);
        assertThat(events).hasSize(3);
    }

    @Test
    void anyReadRestartsTheSilence() {
        advance(200);
        channel.writeInbound("bytes");
        advance(299);
        assertThat(events).isEmpty();
        advance(1);
        assertThat(events).containsExactly(Silence.PING);
        channel.writeInbound("pong");
        advance(899);
        assertThat(events).containsExactly(Silence.PING, Silence.PING, Silence.PING);
        advance(1);
        assertThat(events).endsWith(Silence.TIMEOUT);
    }

    @Test
    void aSuspendedWatchCountsNoSilenceAndResumesFromZero() {
        silence.suspend();
        advance(5000);
        assertThat(events).isEmpty();
        silence.resume();
        advance(299);
        assertThat(events).isEmpty();
        advance(1);
        assertThat(events).containsExactly(Silence.PING);
    }

    @Test
    void aClosedChannelHasNoTimerLeft() {
        channel.close();
        advance(5000);
        assertThat(events).isEmpty();
    }

    @Test
    void refusesNonPositiveDurations() {
        assertThatThrownBy(() -> new SilenceHandler(0, 900)).hasMessageContaining("0 ms");
    }

    /** Moves the frozen time on millisecond by millisecond, running what falls due, as a real event loop would. */
    private void advance(long millis) {
        for (long i = 0; i < millis; i++) {
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
        channel.runPendingTasks();
    }
}

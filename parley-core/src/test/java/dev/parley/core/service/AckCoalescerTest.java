package dev.parley.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.ReceiptInfo;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acks without an id are written at most once per device and window, the highest cursor winning. The clock is
 * fixed, so a window only ends through its timer, never because the test thread was slow.
 */
class AckCoalescerTest {
    private static final DeviceIdentity DEVICE = new DeviceIdentity(3, 30);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    /** Records acknowledge calls as "device:cursor" (a fake of our own port). */
    static class RecordingStore implements ReceiptStore {
        final List<String> acks = new CopyOnWriteArrayList<>();

        @Override
        public List<Watermark> acknowledge(long userId, long deviceId, long cursor) {
            acks.add(deviceId + ":" + cursor);
            return List.of();
        }

        @Override
        public List<ReceiptInfo> messageInfo(long chatId, long seq) {
            return List.of();
        }

        @Override
        public Optional<Watermark> markRead(long userId, long chatId, long seq, boolean readShared) {
            return Optional.empty();
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> failures = new CopyOnWriteArrayList<>();

    private AckCoalescer coalescer(Duration window) {
        return new AckCoalescer(store, timer, Executors.newVirtualThreadPerTaskExecutor(), CLOCK, window,
                (e, deviceId) -> failures.add(deviceId));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theFirstAckIsWrittenBeforeAcknowledgeReturns() {
        coalescer(Duration.ofSeconds(2)).acknowledge(DEVICE, 10);
        assertThat(store.acks).containsExactly("30:10");
    }

    @Test
    void acksInsideTheWindowBecomeOneWriteOfTheHighestCursor() {
        AckCoalescer acks = coalescer(Duration.ofMillis(1500));
        acks.acknowledge(DEVICE, 10);
        acks.acknowledge(DEVICE, 11);
        acks.acknowledge(DEVICE, 15);
        acks.acknowledge(DEVICE, 12);
        assertThat(store.acks).as("not written inside the window").containsExactly("30:10");
        assertThat(acks.pendingCursor(DEVICE.deviceId())).isEqualTo(15);
        await().untilAsserted(() -> assertThat(store.acks).containsExactly("30:10", "30:15"));
        assertThat(acks.pendingCursor(DEVICE.deviceId())).isEqualTo(-1);
    }

    @Test
    void devicesHaveTheirOwnWindows() {
        AckCoalescer acks = coalescer(Duration.ofSeconds(2));
        acks.acknowledge(DEVICE, 10);
        acks.acknowledge(new DeviceIdentity(4, 40), 7);
        assertThat(store.acks).containsExactly("30:10", "40:7");
    }

    @Test
    void anAckWithAnIdIsWrittenAtOnceWithWhatIsPending() {
        AckCoalescer acks = coalescer(Duration.ofSeconds(2));
        acks.acknowledge(DEVICE, 10);
        acks.acknowledge(DEVICE, 20);
        acks.acknowledgeNow(DEVICE, 15);
        assertThat(store.acks).containsExactly("30:10", "30:20");
        assertThat(acks.pendingCursor(DEVICE.deviceId())).as("absorbed: the window's end writes nothing more")
                .isEqualTo(-1);
    }

    @Test
    void flushAllWritesEveryPendingAck() {
        AckCoalescer acks = coalescer(Duration.ofSeconds(30));
        acks.acknowledge(DEVICE, 1);
        acks.acknowledge(DEVICE, 7);
        assertThat(acks.flushAll()).isEqualTo(1);
        assertThat(store.acks).containsExactly("30:1", "30:7");
        assertThat(acks.flushAll()).isZero();
    }

    @Test
    void anIdleDeviceIsForgottenAndItsNextAckIsWrittenAtOnce() {
        AckCoalescer acks = coalescer(Duration.ofMillis(100));
        acks.acknowledge(DEVICE, 1);
        await().until(() -> acks.tracked() == 0);
        acks.acknowledge(DEVICE, 2);
        assertThat(store.acks).containsExactly("30:1", "30:2");
    }

    @Test
    void withAZeroWindowEveryAckIsWritten() {
        AckCoalescer acks = coalescer(Duration.ZERO);
        for (int cursor = 1; cursor <= 5; cursor++) {
            acks.acknowledge(DEVICE, cursor);
        }
        assertThat(store.acks).containsExactly("30:1", "30:2", "30:3", "30:4", "30:5");
    }

    @Test
    void aFailedWriteIsReported() {
        ReceiptStore failing = new RecordingStore() {
            @Override
            public List<Watermark> acknowledge(long userId, long deviceId, long cursor) {
                throw new IllegalStateException("store closed");
            }
        };
        new AckCoalescer(failing, timer, Runnable::run, CLOCK, Duration.ofSeconds(1),
                (e, deviceId) -> failures.add(deviceId)).acknowledge(DEVICE, 3);
        assertThat(failures).containsExactly(30L);
    }
}

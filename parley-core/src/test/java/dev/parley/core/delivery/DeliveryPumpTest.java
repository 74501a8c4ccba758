package dev.parley.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event;
import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateListener;
import dev.parley.core.port.UpdateStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pump delivers every cursor exactly once, in order, whether it comes from the store or live. */
class DeliveryPumpTest {
    private static final long USER = 7;

    /** An in-memory update stream (a fake of our own port). */
    static final class MemoryStream implements UpdateStream {
        final List<Update> entries = new CopyOnWriteArrayList<>();

        Update append() {
            Update u = new Update(USER, entries.size() + 1, new Event.ChatCreated(1, ChatKind.DIRECT, List.of(USER)));
            entries.add(u);
            return u;
        }

        @Override
        public List<Update> read(long userId, long afterCursor, int limit) {
            return entries.stream().filter(u -> u.cursor() > afterCursor).limit(limit).toList();
        }

        @Override
        public long head(long userId) {
            return entries.size();
        }

        @Override
        public long ackedCursor(long deviceId) {
            return 0;
        }

        @Override
        public void listen(UpdateListener listener) {
        }
    }

    static final class RecordingSink implements DeliveryPump.Sink {
        final List<Long> cursors = new CopyOnWriteArrayList<>();
        /** Cursors pushed but not flushed yet: a connection would not have sent them. */
        final List<Long> unflushed = new CopyOnWriteArrayList<>();
        final List<Long> flushed = new CopyOnWriteArrayList<>();
        volatile long synced = -1;
        volatile int capacity = Integer.MAX_VALUE;

        @Override
        public boolean push(Update update) {
            if (cursors.size() >= capacity) {
                return false;
            }
            cursors.add(update.cursor());
            unflushed.add(update.cursor());
            return true;
        }

        @Override
        public void flush() {
            flushed.addAll(unflushed);
            unflushed.clear();
        }

        @Override
        public void synced(long cursor) {
            synced = cursor;
        }
    }

    private final MemoryStream stream = new MemoryStream();
    private final RecordingSink sink = new RecordingSink();

    private DeliveryPump pump(int maxPending) {
        return new DeliveryPump(USER, stream, new SerialExecutor(Executors.newVirtualThreadPerTaskExecutor(),
                Throwable::printStackTrace), sink, maxPending);
    }

    @Test
    void backlogThenSyncedThenLive() {
        for (int i = 0; i < 600; i++) {
            stream.append();
        }
        DeliveryPump pump = pump(64);
        pump.start(100);
        await().until(() -> sink.synced == 600);
        for (int i = 0; i < 50; i++) {
            pump.offer(List.of(stream.append()));
        }
        await().until(() -> sink.cursors.size() == 550);
        assertThat(sink.cursors).containsExactlyElementsOf(LongStream.rangeClosed(101, 650).boxed().toList());
        await().untilAsserted(() -> assertThat(sink.flushed).as("every pushed entry is flushed")
                .containsExactlyElementsOf(sink.cursors));
    }

    @Test
    void liveOffersDuringBacklogAreNeitherLostNorDoubled() {
        for (int i = 0; i < 1000; i++) {
            stream.append();
        }
        DeliveryPump pump = pump(16);
        pump.start(0);
        List<Update> offered = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Update u = stream.append();
            offered.add(u);
            pump.offer(List.of(u));
        }
        await().until(() -> sink.cursors.size() >= 1300);
        assertThat(sink.cursors).containsExactlyElementsOf(LongStream.rangeClosed(1, 1300).boxed().toList());
    }

    @Test
    void aGapIsFilledFromTheStore() {
        DeliveryPump pump = pump(64);
        pump.start(0);
        await().until(() -> sink.synced == 0);
        Update first = stream.append();
        stream.append();
        Update third = stream.append();
        pump.offer(List.of(first));
        pump.offer(List.of(third));
        await().until(() -> sink.cursors.size() == 3);
        assertThat(sink.cursors).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRefusingSinkPausesDeliveryAndResumeContinuesFromTheStore() {
        sink.capacity = 5;
        for (int i = 0; i < 20; i++) {
            stream.append();
        }
        DeliveryPump pump = pump(4);
        pump.start(0);
        await().until(() -> sink.cursors.size() == 5);
        await().untilAsserted(() -> assertThat(sink.flushed).as("flushed before pausing, so the buffer can drain")
                .containsExactly(1L, 2L, 3L, 4L, 5L));
        for (int i = 0; i < 10; i++) {
            pump.offer(List.of(stream.append()));
        }
        assertThat(sink.synced).as("not synced while paused in the backlog").isEqualTo(-1);
        sink.capacity = Integer.MAX_VALUE;
        pump.resume();
        await().until(() -> sink.synced == 30);
        pump.offer(List.of(stream.append()));
        await().until(() -> sink.cursors.size() == 31);
        assertThat(sink.cursors).containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
    }

    @Test
    void aPausedPumpHoldsNoStorePagePermit() {
        for (int i = 0; i < 600; i++) {
            stream.append();
        }
        java.util.concurrent.Semaphore pages = new java.util.concurrent.Semaphore(1);
        sink.capacity = 3;
        DeliveryPump paused = new DeliveryPump(USER, stream, new SerialExecutor(Executors.newVirtualThreadPerTaskExecutor(),
                Throwable::printStackTrace), sink, 16, pages);
        paused.start(0);
        await().until(() -> sink.cursors.size() == 3);
        RecordingSink other = new RecordingSink();
        DeliveryPump second = new DeliveryPump(USER, stream, new SerialExecutor(Executors.newVirtualThreadPerTaskExecutor(),
                Throwable::printStackTrace), other, 16, pages);
        second.start(0);
        await().until(() -> other.synced == 600);
        assertThat(other.cursors).containsExactlyElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
        assertThat(pages.availablePermits()).isEqualTo(1);
    }
}

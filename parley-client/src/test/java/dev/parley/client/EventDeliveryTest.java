package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventDeliveryTest {
    private final List<Long> seen = new ArrayList<>();
    private final CursorStore store = CursorStore.inMemory();

    private static ServerFrame.Update message(long cursor, long seq) {
        return new ServerFrame.Update(cursor, new Views.MessageEvent(
                new Views.Message(1, seq, "m" + seq, 2, 3, "c" + seq, "text", "hi", null, 0, null)));
    }

    private EventDelivery delivery() {
        return new EventDelivery(new Listener() {
            @Override
            public void onMessage(Views.Message message, long cursor) {
                seen.add(cursor);
            }
        }, store);
    }

    @Test
    void dropsUpdatesAtOrBelowTheLastProcessedCursor() {
        EventDelivery delivery = delivery();
        assertThat(delivery.deliver(message(1, 1))).isTrue();
        assertThat(delivery.deliver(message(2, 2))).isTrue();
        assertThat(delivery.deliver(message(2, 2))).isFalse();
        assertThat(delivery.deliver(message(1, 1))).isFalse();
        assertThat(delivery.deliver(message(3, 3))).isTrue();
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(store.load()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void resumesFromTheStoredCursor() {
        store.save(10);
        EventDelivery delivery = delivery();
        assertThat(delivery.processed()).isEqualTo(10);
        assertThat(delivery.deliver(message(10, 1))).isFalse();
        assertThat(delivery.deliver(message(11, 2))).isTrue();
        assertThat(seen).containsExactly(11L);
    }

    @Test
    void aServerCursorAheadOfOursBecomesTheProcessedPosition() {
        EventDelivery delivery = delivery();
        delivery.resumeAt(40);
        assertThat(delivery.processed()).isEqualTo(40);
        assertThat(store.load()).isEqualTo(OptionalLong.of(40));
        delivery.resumeAt(5);
        assertThat(delivery.processed()).isEqualTo(40);
    }

    @Test
    void aThrowingListenerStillAdvancesTheCursor() {
        EventDelivery delivery = new EventDelivery(new Listener() {
            @Override
            public void onMessage(Views.Message message, long cursor) {
                throw new IllegalStateException("boom");
            }
        }, store);
        assertThat(delivery.deliver(message(1, 1))).isTrue();
        assertThat(delivery.processed()).isEqualTo(1);
    }

    @Test
    void unknownEventKindsAreSkippedButCounted() {
        EventDelivery delivery = delivery();
        assertThat(delivery.deliver(new ServerFrame.Update(5, null))).isTrue();
        assertThat(seen).isEmpty();
        assertThat(delivery.processed()).isEqualTo(5);
    }
}

package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AckCoalescerTest {

    @Test
    void asksForAFlushWhenTheBatchIsFull() {
        AckCoalescer acks = new AckCoalescer(3);
        assertThat(acks.processed(1)).isFalse();
        assertThat(acks.processed(2)).isFalse();
        assertThat(acks.processed(3)).isTrue();
        assertThat(acks.take()).isEqualTo(OptionalLong.of(3));
        assertThat(acks.processed(4)).isFalse();
    }

    @Test
    void takesOnlyWhatIsNew() {
        AckCoalescer acks = new AckCoalescer(100);
        assertThat(acks.take()).isEmpty();
        acks.processed(7);
        assertThat(acks.take()).isEqualTo(OptionalLong.of(7));
        assertThat(acks.take()).isEmpty();
        assertThat(acks.hasPending()).isFalse();
    }

    @Test
    void aNewConnectionStartsFromTheServersCursor() {
        AckCoalescer acks = new AckCoalescer(100);
        acks.processed(5);
        acks.reset(9);
        assertThat(acks.hasPending()).isFalse();
        assertThat(acks.take()).isEmpty();
        acks.processed(10);
        assertThat(acks.take()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void processedAheadOfTheServerIsStillAcknowledgedAfterReconnect() {
        AckCoalescer acks = new AckCoalescer(100);
        acks.processed(12);
        acks.reset(10);
        assertThat(acks.take()).isEqualTo(OptionalLong.of(12));
    }
}

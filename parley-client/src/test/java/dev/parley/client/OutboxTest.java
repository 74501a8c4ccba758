package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientFrame;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final Outbox outbox = new Outbox();

    private Outbox.Entry entry(String clientId, String text) {
        return new Outbox.Entry(new ClientFrame.Send("check", 7, clientId, null, text, null), new CompletableFuture<>());
    }

    @Test
    void everyTransmissionCarriesTheSameClientIdUnderAFreshRequestId() {
        Outbox.Entry e = outbox.add(entry("c-1", "hello"));
        ClientFrame.Send first = outbox.transmission(e, "s1");
        ClientFrame.Send retry = outbox.transmission(e, "s2");
        assertThat(first.clientId()).isEqualTo("c-1").isEqualTo(retry.clientId());
        assertThat(first.id()).isEqualTo("s1");
        assertThat(retry.id()).isEqualTo("s2");
        assertThat(retry.text()).isEqualTo("hello");
        assertThat(retry.chatId()).isEqualTo(7);
        assertThat(e.attempts()).isEqualTo(2);
    }

    @Test
    void keepsCallOrderAndLeavesOnlyWhenAccepted() {
        Outbox.Entry a = outbox.add(entry("a", "1"));
        Outbox.Entry b = outbox.add(entry("b", "2"));
        Outbox.Entry c = outbox.add(entry("c", "3"));
        assertThat(outbox.pending()).containsExactly(a, b, c);
        assertThat(outbox.accepted("b")).isSameAs(b);
        assertThat(outbox.pending()).containsExactly(a, c);
        assertThat(outbox.isPending(b)).isFalse();
        assertThat(outbox.size()).isEqualTo(2);
        assertThat(outbox.accepted("b")).isNull();
    }

    @Test
    void aRefusalOfAnyTransmissionRemovesTheSend() {
        Outbox.Entry a = outbox.add(entry("a", "1"));
        outbox.transmission(a, "s1");
        outbox.transmission(a, "s2");
        assertThat(outbox.isSendRequest("s1")).isTrue();
        assertThat(outbox.refused("s1")).isSameAs(a);
        assertThat(outbox.isSendRequest("s2")).isFalse();
        assertThat(outbox.refused("s2")).isNull();
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aSecondSendWithAPendingClientIdJoinsTheFirst() {
        Outbox.Entry first = outbox.add(entry("dup", "x"));
        assertThat(outbox.add(entry("dup", "x"))).isSameAs(first);
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void drainEmptiesInOrder() {
        Outbox.Entry a = outbox.add(entry("a", "1"));
        Outbox.Entry b = outbox.add(entry("b", "2"));
        assertThat(outbox.drain()).containsExactly(a, b);
        assertThat(outbox.pending()).isEmpty();
    }
}

package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.parley.client.FakeTransport.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.ConnectionState.Phase;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connecting, the update stream, acks, reconnects and closing, against a fake transport. */
class ParleyClientStreamTest {
    private final ClientFixture fx = new ClientFixture();

    @AfterEach
    void closeClient() {
        fx.close();
    }

    private static List<Long> ackCursors(FakeTransport.FakeConnection c) {
        return c.frames("ack").stream().map(f -> f.get("cursor").asLong()).toList();
    }

    @Test
    void authenticatesWithTheTokenAndTheStoredCursor() throws Exception {
        fx.store.save(7);
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Ready> ready = client.connect();
        var server = fx.transport.connection(0);
        JsonNode auth = server.awaitFrames("auth", 1).getFirst();
        assertThat(auth.get("token").asText()).isEqualTo("tok");
        assertThat(auth.get("cursor").asLong()).isEqualTo(7);
        server.ready(7);
        assertThat(ready.get().cursor()).isEqualTo(7);
        await().until(() -> client.state().phase() == Phase.SYNCING);
    }

    @Test
    void authenticatesWithoutCursorWhenNothingWasProcessed() {
        fx.client().connect();
        assertThat(fx.transport.connection(0).awaitFrames("auth", 1).getFirst().has("cursor")).isFalse();
    }

    @Test
    void deliversEachUpdateOnceInOrderThenSyncedAndAcksAtOnce() {
        ParleyClient client = fx.client(b -> b.ackCoalescing(Duration.ofHours(1), 100));
        var server = fx.connected(client, 0);
        server.message(1, 9, 1, "a").message(2, 9, 2, "b").message(2, 9, 2, "b").message(3, 9, 3, "c");
        server.push("{'type':'synced','cursor':3}");
        await().until(() -> client.state().phase() == Phase.LIVE);
        await().until(() -> fx.listener.events.contains("synced 3"));
        assertThat(fx.listener.events).filteredOn(e -> !e.startsWith("state"))
                .containsExactly("message 1 a", "message 2 b", "message 3 c", "synced 3");
        await().until(() -> ackCursors(server).equals(List.of(3L)));
        assertThat(fx.store.load()).isEqualTo(OptionalLong.of(3));
        assertThat(client.cursor()).isEqualTo(3);
        assertThat(fx.listener.phases()).containsExactly(Phase.CONNECTING, Phase.SYNCING, Phase.LIVE);
    }

    @Test
    void acksAreCoalescedPerBatchWhenTheDelayIsLong() {
        ParleyClient client = fx.client(b -> b.ackCoalescing(Duration.ofHours(1), 100));
        var server = fx.connected(client, 0);
        for (long c = 1; c <= 250; c++) {
            server.push("{'type':'update','cursor':" + c + ",'event':{'kind':'receipt','chatId':1,'userId':2,'deliveredSeq':"
                    + c + "}}");
        }
        await().until(() -> ackCursors(server).size() == 2);
        await().until(() -> client.cursor() == 250);
        assertThat(ackCursors(server)).containsExactly(100L, 200L);
        server.push("{'type':'synced','cursor':250}");
        await().until(() -> ackCursors(server).equals(List.of(100L, 200L, 250L)));
    }

    @Test
    void acksAreFlushedAfterTheDelay() {
        ParleyClient client = fx.client(b -> b.ackCoalescing(Duration.ofMillis(30), 100));
        var server = fx.connected(client, 0);
        server.message(1, 9, 1, "a").message(2, 9, 2, "b").message(3, 9, 3, "c");
        await().until(() -> ackCursors(server).contains(3L));
        assertThat(ackCursors(server)).isSorted().doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void reconnectsAfterGoingAwayAndResumesFromTheLastProcessedCursor() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        first.message(1, 9, 1, "a").message(2, 9, 2, "b");
        await().until(() -> client.cursor() == 2);
        first.serverClose(1001, "server restarting");

        var second = fx.transport.connection(1);
        assertThat(second.awaitFrames("auth", 1).getFirst().get("cursor").asLong()).isEqualTo(2);
        second.ready(2).message(2, 9, 2, "b").message(3, 9, 3, "c").push("{'type':'synced','cursor':3}");
        await().until(() -> client.state().phase() == Phase.LIVE);
        await().until(() -> fx.listener.messages.size() == 3);
        assertThat(fx.listener.messages).extracting(m -> m.text()).containsExactly("a", "b", "c");
        assertThat(fx.listener.phases()).containsSubsequence(Phase.SYNCING, Phase.RECONNECTING, Phase.SYNCING, Phase.LIVE);
        ConnectionState reconnecting = fx.listener.states.stream().filter(s -> s.phase() == Phase.RECONNECTING).findFirst().orElseThrow();
        assertThat(reconnecting.closeCode()).isEqualTo(1001);
        assertThat(reconnecting.reason()).isEqualTo("server restarting");
    }

    @Test
    void keepsRetryingWhileTheServerIsUnreachable() {
        fx.transport.refuse = true;
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Ready> ready = client.connect();
        await().until(() -> fx.transport.refusals.get() >= 3);
        assertThat(client.state().phase()).isEqualTo(Phase.RECONNECTING);
        assertThat(client.state().closeCode()).isEqualTo(1006);
        assertThat(client.state().reason()).contains("Connection refused");
        assertThat(ready).isNotDone();
        fx.transport.refuse = false;
        fx.transport.connection(0).ready(0);
        await().until(ready::isDone);
    }

    @Test
    void aRevokedDeviceIsClosedForGood() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        server.serverClose(4003, "device revoked");
        ConnectionState closed = client.closed().join();
        assertThat(closed.phase()).isEqualTo(Phase.CLOSED);
        assertThat(closed.closeCode()).isEqualTo(4003);
        assertThat(closed.reason()).isEqualTo("device revoked");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> fx.transport.connections.size() == 1);
        assertThat(client.send(9, "late")).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingRootCause().isInstanceOf(ParleyClosedException.class).withMessageContaining("4003");
    }

    @Test
    void anUnknownTokenFailsConnectWithUnauthenticated() {
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Ready> ready = client.connect();
        var server = fx.transport.connection(0);
        server.push("{'type':'error','id':'" + server.authId() + "','code':'unauthenticated','message':'unknown token'}");
        assertThat(ready).failsWithin(Duration.ofSeconds(2)).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ParleyClosedException.class, e -> assertThat(e.closeCode()).isEqualTo(4001));
        await().atMost(Duration.ofSeconds(2)).until(() -> server.aborted);
        assertThat(client.state().isClosed()).isTrue();
    }

    @Test
    void anUnansweredHeartbeatDropsTheConnectionAndReconnects() {
        ParleyClient client = fx.client(b -> b.pingInterval(Duration.ofMillis(20)).requestTimeout(Duration.ofMillis(300)));
        var first = fx.connected(client, 0);
        first.awaitFrames("ping", 1);
        await().until(() -> first.aborted);
        fx.transport.connection(1).ready(0);
        await().until(() -> fx.listener.phases().lastIndexOf(Phase.SYNCING) > fx.listener.phases().indexOf(Phase.RECONNECTING));
        assertThat(fx.listener.states).anySatisfy(s -> assertThat(s.reason()).contains("no pong within PT0.3S"));
    }

    @Test
    void answeredHeartbeatsKeepTheConnection() {
        ParleyClient client = fx.client(b -> b.pingInterval(Duration.ofMillis(20)).requestTimeout(Duration.ofMillis(500)));
        var server = fx.connected(client, 0);
        for (int i = 1; i <= 3; i++) {
            JsonNode ping = server.awaitFrames("ping", i).get(i - 1);
            server.push("{'type':'pong','id':'" + ping.get("id").asText() + "','serverTime':1}");
        }
        assertThat(server.aborted).isFalse();
        assertThat(fx.transport.connections).hasSize(1);
    }

    @Test
    void updatesOfUnknownKindsAreSkippedButAcknowledged() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        server.push("{'type':'update','cursor':1,'event':{'kind':'typing','chatId':4}}");
        server.message(2, 9, 1, "after");
        await().until(() -> ackCursors(server).contains(2L));
        assertThat(fx.listener.messages).extracting(m -> m.text()).containsExactly("after");
    }

    @Test
    void callbacksRunOnOneDedicatedThread() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        server.message(1, 9, 1, "a").push("{'type':'synced','cursor':1}");
        await().until(() -> fx.listener.events.contains("synced 1"));
        assertThat(fx.listener.threads).containsOnly("test-events");
    }

    @Test
    void closeAcknowledgesProcessedUpdatesThenClosesNormally() {
        ParleyClient client = fx.client(b -> b.ackCoalescing(Duration.ofHours(1), 100));
        var server = fx.connected(client, 0);
        server.message(1, 9, 1, "a");
        await().until(() -> client.cursor() == 1);
        CompletableFuture<ServerFrame.Accepted> pending = client.send(9, "unsent");
        client.close();
        assertThat(ackCursors(server)).containsExactly(1L);
        assertThat(server.closeCode).isEqualTo(1000);
        assertThat(client.state().phase()).isEqualTo(Phase.CLOSED);
        assertThat(client.state().closeCode()).isEqualTo(1000);
        assertThat(pending).failsWithin(Duration.ofSeconds(2)).withThrowableThat().havingRootCause()
                .isInstanceOf(ParleyClosedException.class);
        assertThat(client.closed()).succeedsWithin(Duration.ofSeconds(2));
        client.close();
    }
}

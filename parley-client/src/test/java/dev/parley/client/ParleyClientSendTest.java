package dev.parley.client;

import static dev.parley.client.FakeTransport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox (send, retry, idempotency) and request/response helpers, against a fake transport. */
class ParleyClientSendTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ClientFixture fx = new ClientFixture();

    @AfterEach
    void closeClient() {
        fx.close();
    }

    private static List<String> clientIds(List<JsonNode> sends) {
        return sends.stream().map(s -> s.get("clientId").asText()).toList();
    }

    @Test
    void aSendMadeBeforeConnectingGoesOutOnceReady() {
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Accepted> accepted = client.send(9, "c-1", "hello", 4L);
        await().until(() -> client.pendingSends() == 1);
        var server = fx.connected(client, 0);
        JsonNode send = server.awaitFrames("send", 1).getFirst();
        assertThat(send.get("chatId").asLong()).isEqualTo(9);
        assertThat(send.get("clientId").asText()).isEqualTo("c-1");
        assertThat(send.get("text").asText()).isEqualTo("hello");
        assertThat(send.get("replyTo").asLong()).isEqualTo(4);
        server.accept(send, 12);
        assertThat(accepted).succeedsWithin(WAIT).satisfies(a -> {
            assertThat(a.seq()).isEqualTo(12);
            assertThat(a.clientId()).isEqualTo("c-1");
        });
        await().until(() -> client.pendingSends() == 0);
    }

    @Test
    void unacceptedSendsAreResentInOrderWithTheSameClientIdsAfterAReconnect() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Accepted> a = client.send(9, "one");
        CompletableFuture<ServerFrame.Accepted> b = client.send(9, "two");
        List<JsonNode> sentFirst = first.awaitFrames("send", 2);
        first.fail();

        var second = fx.transport.connection(1).ready(0);
        List<JsonNode> sentSecond = second.awaitFrames("send", 2);
        assertThat(clientIds(sentSecond)).isEqualTo(clientIds(sentFirst)).doesNotHaveDuplicates();
        assertThat(sentSecond).extracting(s -> s.get("text").asText()).containsExactly("one", "two");
        assertThat(sentSecond.getFirst().get("id").asText()).isNotEqualTo(sentFirst.getFirst().get("id").asText());
        second.accept(sentSecond.get(0), 1).accept(sentSecond.get(1), 2);
        assertThat(a).succeedsWithin(WAIT).extracting(ServerFrame.Accepted::seq).isEqualTo(1L);
        assertThat(b).succeedsWithin(WAIT).extracting(ServerFrame.Accepted::seq).isEqualTo(2L);
    }

    @Test
    void anUnansweredSendIsRetriedWithTheSameClientIdAndALateAnswerIsHarmless() {
        ParleyClient client = fx.client(c -> c.sendRetryInterval(Duration.ofMillis(50)));
        var server = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Accepted> accepted = client.send(9, "c-7", "retry me", null);
        List<JsonNode> sends = server.awaitFrames("send", 2);
        assertThat(clientIds(sends.subList(0, 2))).containsOnly("c-7");
        server.accept(sends.get(1), 3).accept(sends.get(0), 3);
        assertThat(accepted).succeedsWithin(WAIT).extracting(ServerFrame.Accepted::seq).isEqualTo(3L);
        await().until(() -> client.pendingSends() == 0);
    }

    @Test
    void aMediaSendCarriesKindMediaIdAndCaptionAndIsResentWithTheSameClientId() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Accepted> accepted = client.sendMedia(9, "image", "mB7c0S3qv1fUQk4n2oZp1w",
                "the beach!", 3L);
        JsonNode sent = first.awaitFrames("send", 1).getFirst();
        assertThat(sent.get("kind").asText()).isEqualTo("image");
        assertThat(sent.get("mediaId").asText()).isEqualTo("mB7c0S3qv1fUQk4n2oZp1w");
        assertThat(sent.get("text").asText()).isEqualTo("the beach!");
        assertThat(sent.get("replyTo").asLong()).isEqualTo(3);
        first.fail();

        var second = fx.transport.connection(1).ready(0);
        JsonNode again = second.awaitFrames("send", 1).getFirst();
        assertThat(again.get("clientId")).isEqualTo(sent.get("clientId"));
        assertThat(again.get("id")).isNotEqualTo(sent.get("id"));
        assertThat(again.get("kind").asText()).isEqualTo("image");
        assertThat(again.get("mediaId").asText()).isEqualTo("mB7c0S3qv1fUQk4n2oZp1w");
        second.accept(again, 8);
        assertThat(accepted).succeedsWithin(WAIT).extracting(ServerFrame.Accepted::seq).isEqualTo(8L);
    }

    @Test
    void aMediaSendWithoutCaptionHasNoTextAndNeedsAMediaKindAndId() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        client.sendMedia(9, "c-f", "file", "m1", null, null);
        JsonNode sent = server.awaitFrames("send", 1).getFirst();
        assertThat(sent.has("text")).isFalse();
        assertThat(sent.get("clientId").asText()).isEqualTo("c-f");
        assertThatThrownBy(() -> client.sendMedia(9, "text", "m1", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("media kind must be one of");
        assertThatThrownBy(() -> client.sendMedia(9, "file", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mediaId");
    }

    @Test
    void aRefusedSendFailsWithTheServersCode() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Accepted> accepted = client.send(9, "hi");
        String id = server.awaitFrames("send", 1).getFirst().get("id").asText();
        server.push("{'type':'error','id':'" + id + "','code':'forbidden','message':'not a member of chat 9'}");
        assertThat(accepted).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ParleyApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("not a member of chat 9");
                });
        await().until(() -> client.pendingSends() == 0);
    }

    @Test
    void sendingAPendingClientIdAgainSharesItsOutcome() {
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Accepted> first = client.send(9, "same", "x", null);
        CompletableFuture<ServerFrame.Accepted> again = client.send(9, "same", "x", null);
        var server = fx.connected(client, 0);
        List<JsonNode> sends = server.awaitFrames("send", 1);
        server.accept(sends.getFirst(), 5);
        assertThat(again).succeedsWithin(WAIT).isEqualTo(first.join());
        assertThat(server.frames("send")).hasSize(1);
    }

    @Test
    void invalidArgumentsAreRejectedAtOnceNamingTheField() {
        ParleyClient client = fx.client();
        assertThatThrownBy(() -> client.send(9, " ", "x", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'clientId' must be a non-empty string");
        assertThatThrownBy(() -> client.history(9, 5L, 2L, null)).hasMessageContaining("'before' and 'after' are exclusive");
        assertThatThrownBy(() -> client.history(9, null, null, 500)).hasMessageContaining("'limit' must be 1..200, got 500");
    }

    @Test
    void requestsGetTheirResponses() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Views.Chat> chat = client.openDirect(42);
        JsonNode open = server.awaitFrames("openDirect", 1).getFirst();
        assertThat(open.get("userId").asLong()).isEqualTo(42);
        server.push("{'type':'chat','id':'" + open.get("id").asText() + "','chat':{'id':9,'kind':'direct','lastSeq':0,"
                + "'members':[],'readSeq':0,'unread':0,'createdAt':0,'active':true}}");
        assertThat(chat).succeedsWithin(WAIT).extracting(Views.Chat::id).isEqualTo(9L);

        CompletableFuture<ServerFrame.History> history = client.history(9, 10L, null, 50);
        JsonNode get = server.awaitFrames("getHistory", 1).getFirst();
        assertThat(get.get("before").asLong()).isEqualTo(10);
        assertThat(get.get("limit").asInt()).isEqualTo(50);
        server.push("{'type':'history','id':'" + get.get("id").asText() + "','chatId':9,'messages':[],'more':true}");
        assertThat(history).succeedsWithin(WAIT).extracting(ServerFrame.History::more).isEqualTo(true);

        CompletableFuture<Void> read = client.markRead(9, 3);
        JsonNode readFrame = server.awaitFrames("read", 1).getFirst();
        assertThat(readFrame.get("seq").asLong()).isEqualTo(3);
        server.push("{'type':'ok','id':'" + readFrame.get("id").asText() + "'}");
        assertThat(read).succeedsWithin(WAIT);

        CompletableFuture<Void> settings = client.setReadReceipts(false);
        JsonNode set = server.awaitFrames("setSettings", 1).getFirst();
        assertThat(set.get("readReceipts").asBoolean()).isFalse();
        server.push("{'type':'ok','id':'" + set.get("id").asText() + "'}");
        assertThat(settings).succeedsWithin(WAIT);
    }

    @Test
    void chatsAndPing() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<List<Views.Chat>> chats = client.chats();
        CompletableFuture<ServerFrame.Pong> pong = client.ping();
        server.push("{'type':'chats','id':'" + server.awaitFrames("getChats", 1).getFirst().get("id").asText() + "','chats':[]}");
        server.push("{'type':'pong','id':'" + server.awaitFrames("ping", 1).getFirst().get("id").asText() + "','serverTime':77}");
        assertThat(chats).succeedsWithin(WAIT).asList().isEmpty();
        assertThat(pong).succeedsWithin(WAIT).extracting(ServerFrame.Pong::serverTime).isEqualTo(77L);
    }

    @Test
    void aRequestErrorCarriesTheCode() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Views.Chat> chat = client.openDirect(404);
        String id = server.awaitFrames("openDirect", 1).getFirst().get("id").asText();
        server.push("{'type':'error','id':'" + id + "','code':'not_found','message':'no user 404'}");
        assertThat(chat).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anUnansweredRequestTimesOut() {
        ParleyClient client = fx.client(c -> c.requestTimeout(Duration.ofMillis(300)));
        fx.connected(client, 0);
        assertThat(client.chats()).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(TimeoutException.class).withMessageContaining("no Chats response")
                .withMessageContaining("within PT0.3S");
    }

    @Test
    void pendingRequestsAreRetransmittedAfterAReconnect() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        CompletableFuture<List<Views.Chat>> chats = client.chats();
        String id = first.awaitFrames("getChats", 1).getFirst().get("id").asText();
        first.serverClose(4009, "slow consumer");
        var second = fx.transport.connection(1).ready(0);
        assertThat(second.awaitFrames("getChats", 1).getFirst().get("id").asText()).isEqualTo(id);
        second.push("{'type':'chats','id':'" + id + "','chats':[]}");
        assertThat(chats).succeedsWithin(WAIT);
    }
}

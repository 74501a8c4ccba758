package dev.parley.client;

import static dev.parley.client.FakeTransport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typing, presence (pushes, watches, re-watch after reconnect), contacts, phone lookup, blocking, privacy. */
class ParleyClientPresenceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BOB = "{'id':2,'username':'bob','displayName':'Bob'}";
    private final ClientFixture fx = new ClientFixture();

    @AfterEach
    void closeClient() {
        fx.close();
    }

    private static JsonNode frame(FakeTransport.FakeConnection server, String type, int n) {
        return server.awaitFrames(type, n).get(n - 1);
    }

    private static void answer(FakeTransport.FakeConnection server, JsonNode request, String type, String fields) {
        server.push("{'type':'" + type + "','id':'" + request.get("id").asText() + "'" + (fields.isEmpty() ? "" : ",")
                + fields + "}");
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    private List<String> events(String prefix) {
        return fx.listener.events.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    /** Makes a round trip, so that every frame the client wrote before it has reached the fake server. */
    private static void roundTrip(ParleyClient client, FakeTransport.FakeConnection server, int pings) {
        CompletableFuture<ServerFrame.Pong> pong = client.ping();
        answer(server, frame(server, "ping", pings), "pong", "'serverTime':1");
        assertThat(pong).succeedsWithin(WAIT);
    }

    @Test
    void typingIsSentWithoutAnIdWhenConnectedAndDroppedOtherwise() {
        ParleyClient client = fx.client();
        client.typing(9, "typing");
        var server = fx.connected(client, 0);
        roundTrip(client, server, 1);
        assertThat(server.frames("typing")).isEmpty();

        client.typing(9, "recording");
        client.typing(9, "stopped");
        List<JsonNode> typing = server.awaitFrames("typing", 2);
        assertThat(typing).extracting(f -> f.get("state").asText()).containsExactly("recording", "stopped");
        assertThat(typing).allSatisfy(f -> {
            assertThat(f.get("chatId").asLong()).isEqualTo(9);
            assertThat(f.has("id")).isFalse();
        });
        assertThatThrownBy(() -> client.typing(9, "dancing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"typing\", \"recording\" or \"stopped\"");
    }

    @Test
    void typingIsNotResentAfterAReconnect() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        client.typing(9, "typing");
        first.awaitFrames("typing", 1);
        first.serverClose(1001, "restart");
        var second = fx.transport.connection(1).ready(0);
        roundTrip(client, second, 1);
        assertThat(second.frames("typing")).isEmpty();
    }

    @Test
    void presenceAndTypingPushesReachTheListenerOnTheCallbackThread() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        server.push("{'type':'synced','cursor':0}");
        server.push("{'type':'presence','presence':{'userId':2,'online':true}}");
        server.push("{'type':'presence','presence':{'userId':3,'online':false,'lastSeen':1740830400000}}");
        server.push("{'type':'presence','presence':{'userId':4}}");
        server.push("{'type':'typing','chatId':9,'userId':2,'state':'typing','expiresInMs':6000}");
        await().until(() -> events("typing").size() == 1);
        assertThat(fx.listener.events).filteredOn(e -> !e.startsWith("state")).containsExactly("synced 0",
                "presence 2 true null", "presence 3 false 1740830400000", "presence 4 null null", "typing 9 2 typing 6000");
        assertThat(fx.listener.threads).containsOnly("test-events");
        assertThat(client.cursor()).isZero();
        assertThat(server.frames("ack")).isEmpty();
    }

    @Test
    void watchPresenceAnswersTheCurrentStateAndTellsTheListenerFirst() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        List<Long> ids = new ArrayList<>(List.of(2L, 3L));
        List<String> seenWhenDone = new ArrayList<>();
        CompletableFuture<List<Views.Presence>> watched = client.watchPresence(ids)
                .whenComplete((p, e) -> seenWhenDone.addAll(events("presence")));
        ids.add(4L);
        JsonNode watch = frame(server, "watchPresence", 1);
        assertThat(longs(watch.get("userIds"))).containsExactly(2L, 3L);
        answer(server, watch, "presences", "'presences':[{'userId':2,'online':true},{'userId':3,'online':false,"
                + "'lastSeen':5}]");
        assertThat(watched).succeedsWithin(WAIT).satisfies(list -> assertThat(list).containsExactly(
                new Views.Presence(2, true, null), new Views.Presence(3, false, 5L)));
        assertThat(seenWhenDone).containsExactly("presence 2 true null", "presence 3 false 5");
    }

    @Test
    void invalidWatchesAreRejectedAtOnce() {
        ParleyClient client = fx.client();
        List<Long> tooMany = LongStream.rangeClosed(1, 101).boxed().toList();
        assertThatThrownBy(() -> client.watchPresence(tooMany)).hasMessageContaining("at most 100 ids, got 101");
        assertThatThrownBy(() -> client.watchPresence(List.of(0L))).hasMessageContaining("positive user ids");
        assertThatThrownBy(() -> client.watchPresence(null)).isInstanceOf(IllegalArgumentException.class);
        var server = fx.connected(client, 0);
        roundTrip(client, server, 1);
        assertThat(server.frames("watchPresence")).isEmpty();
    }

    @Test
    void explicitWatchesAreRenewedOnEveryNewConnectionInBatchesOfAHundred() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        List<Long> many = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            List<Long> ids = LongStream.rangeClosed(batch * 100L + 10, batch * 100L + 109).boxed().toList();
            many.addAll(ids);
            CompletableFuture<List<Views.Presence>> watched = client.watchPresence(ids);
            answer(first, frame(first, "watchPresence", batch + 1), "presences", "'presences':[]");
            assertThat(watched).succeedsWithin(WAIT);
        }
        client.watchPresence(List.of(5L, 6L, 7L));
        answer(first, frame(first, "watchPresence", 3), "presences", "'presences':[]");
        client.unwatchPresence(List.of(6L, 10L));
        first.fail();

        var second = fx.transport.connection(1).ready(0);
        List<JsonNode> again = second.awaitFrames("watchPresence", 3);
        List<Long> expected = new ArrayList<>(many);
        expected.remove(Long.valueOf(10L));
        expected.addAll(List.of(5L, 7L));
        assertThat(again).extracting(f -> f.get("userIds").size()).containsExactly(100, 100, 1);
        assertThat(again.stream().flatMap(f -> longs(f.get("userIds")).stream()).toList()).isEqualTo(expected);
        answer(second, again.get(2), "presences", "'presences':[{'userId':7,'online':false,'lastSeen':77}]");
        await().until(() -> events("presence").contains("presence 7 false 77"));
        assertThat(second.frames("watchPresence")).hasSize(3);
    }

    @Test
    void contactsRequestsAndAnswers() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Void> added = client.addContact(2, "Bobby");
        CompletableFuture<Void> addedPlain = client.addContact(3, null);
        CompletableFuture<Void> removed = client.removeContact(3);
        JsonNode add = frame(server, "addContact", 1);
        assertThat(add.get("userId").asLong()).isEqualTo(2);
        assertThat(add.get("name").asText()).isEqualTo("Bobby");
        assertThat(frame(server, "addContact", 2).has("name")).isFalse();
        assertThat(frame(server, "removeContact", 1).get("userId").asLong()).isEqualTo(3);
        answer(server, add, "ok", "");
        answer(server, frame(server, "addContact", 2), "ok", "");
        answer(server, frame(server, "removeContact", 1), "ok", "");
        assertThat(added).succeedsWithin(WAIT);
        assertThat(addedPlain).succeedsWithin(WAIT);
        assertThat(removed).succeedsWithin(WAIT);

        CompletableFuture<List<Views.Contact>> contacts = client.contacts();
        answer(server, frame(server, "getContacts", 1), "contacts", "'contacts':[{'user':" + BOB + ",'name':'Bobby'}]");
        assertThat(contacts).succeedsWithin(WAIT).satisfies(list -> assertThat(list).containsExactly(
                new Views.Contact(new Views.User(2, "bob", null, "Bob"), "Bobby")));

        assertThatThrownBy(() -> client.addContact(2, "x".repeat(65))).hasMessageContaining("at most 64 characters");
    }

    @Test
    void lookupPhonesSendsTheNumbersAndListsTheMatches() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        List<String> phones = new ArrayList<>(List.of("+14155550100", "+14155550199"));
        CompletableFuture<List<Views.PhoneMatch>> matches = client.lookupPhones(phones);
        phones.clear();
        JsonNode lookup = frame(server, "lookupPhones", 1);
        assertThat(lookup.get("phones").toString()).isEqualTo("[\"+14155550100\",\"+14155550199\"]");
        answer(server, lookup, "phoneMatches", "'matches':[{'phone':'+14155550100','user':" + BOB + "}]");
        assertThat(matches).succeedsWithin(WAIT).satisfies(list -> assertThat(list)
                .extracting(Views.PhoneMatch::phone).containsExactly("+14155550100"));
        assertThatThrownBy(() -> client.lookupPhones(List.of())).hasMessageContaining("non-empty array");
    }

    @Test
    void blockingRequestsAndTheBlockedList() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Void> block = client.block(2);
        CompletableFuture<Void> unblock = client.unblock(3);
        answer(server, frame(server, "block", 1), "ok", "");
        answer(server, frame(server, "unblock", 1), "ok", "");
        assertThat(frame(server, "block", 1).get("userId").asLong()).isEqualTo(2);
        assertThat(frame(server, "unblock", 1).get("userId").asLong()).isEqualTo(3);
        assertThat(block).succeedsWithin(WAIT);
        assertThat(unblock).succeedsWithin(WAIT);
        CompletableFuture<List<Views.User>> blocked = client.blocked();
        answer(server, frame(server, "getBlocked", 1), "blocked", "'users':[" + BOB + "]");
        assertThat(blocked).succeedsWithin(WAIT).satisfies(list -> assertThat(list)
                .extracting(Views.User::username).containsExactly("bob"));
    }

    @Test
    void privacySettingsSendOnlyWhatChanges() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Void> privacy = client.setPrivacy(null, "contacts", "nobody");
        JsonNode set = frame(server, "setSettings", 1);
        assertThat(set.has("readReceipts")).isFalse();
        assertThat(set.get("lastSeen").asText()).isEqualTo("contacts");
        assertThat(set.get("online").asText()).isEqualTo("nobody");
        answer(server, set, "ok", "");
        assertThat(privacy).succeedsWithin(WAIT);
        assertThatThrownBy(() -> client.setPrivacy(null, "friends", null))
                .hasMessageContaining("field 'lastSeen' must be \"everyone\", \"contacts\" or \"nobody\", got \"friends\"");
    }

    @Test
    void contactAndBlockingRequestsAreSentAgainAfterADrop() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        CompletableFuture<Void> add = client.addContact(2, null);
        CompletableFuture<Void> block = client.block(3);
        String addId = frame(first, "addContact", 1).get("id").asText();
        first.awaitFrames("block", 1);
        first.serverClose(1001, "restart");
        var second = fx.transport.connection(1).ready(0);
        JsonNode again = frame(second, "addContact", 1);
        assertThat(again.get("id").asText()).isEqualTo(addId);
        answer(second, again, "ok", "");
        answer(second, frame(second, "block", 1), "ok", "");
        assertThat(add).succeedsWithin(WAIT);
        assertThat(block).succeedsWithin(WAIT);
    }
}

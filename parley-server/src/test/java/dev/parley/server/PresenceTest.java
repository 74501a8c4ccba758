package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Online status and last seen with a controllable clock: grace period, heartbeat timeout, privacy, blocking. */
class PresenceTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(clock);

    private final TestApi api = new TestApi(server.http());

    private static long openDirect(WsPeer a, long peer) {
        return a.request("{\"type\":\"openDirect\",\"userId\":" + peer + "}", ServerFrame.ChatResult.class).chat().id();
    }

    private static Views.Presence presenceOf(WsPeer watcher, long userId, java.util.function.Predicate<Views.Presence> p) {
        return watcher.awaitSignal(ServerFrame.PresenceFrame.class, f -> f.presence().userId() == userId && p.test(f.presence()))
                .presence();
    }

    @Test
    void onlineThenOfflineAfterTheGracePeriodWithLastSeen() {
        TestApi.Account a = api.newUser("pa");
        TestApi.Account b = api.newUser("pb");
        try (WsPeer bob = new WsPeer(server.ws(), b)) {
            Instant left;
            try (WsPeer ann = new WsPeer(server.ws(), a)) {
                openDirect(ann, b.userId());
                bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}", ServerFrame.Presences.class);
                Views.Presence now = bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}",
                        ServerFrame.Presences.class).presences().get(0);
                assertThat(now.online()).isTrue();
            }
            await().until(() -> connections() == 1);
            left = clock.instant();
            clock.advance(Duration.ofSeconds(2));
            assertThat(bob.signals()).as("no offline during the grace period").noneMatch(f ->
                    f instanceof ServerFrame.PresenceFrame p && p.presence().userId() == a.userId() && Boolean.FALSE.equals(p.presence().online()));
            clock.advance(Duration.ofSeconds(4));
            Views.Presence offline = presenceOf(bob, a.userId(), p -> Boolean.FALSE.equals(p.online()));
            assertThat(offline.lastSeen()).isEqualTo(left.toEpochMilli());
        }
    }

    /** Live connections on the server, from its metrics (it drops once a close has been fully processed). */
    private double connections() throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.http().resolve("/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("parley_ws_connections "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aReconnectWithinTheGracePeriodDoesNotFlap() {
        TestApi.Account a = api.newUser("fa");
        TestApi.Account b = api.newUser("fb");
        try (WsPeer bob = new WsPeer(server.ws(), b)) {
            bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}", ServerFrame.Presences.class);
            new WsPeer(server.ws(), a).close();
            clock.advance(Duration.ofSeconds(3));
            try (WsPeer again = new WsPeer(server.ws(), a)) {
                clock.advance(Duration.ofSeconds(10));
                await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> bob.sync().signals().stream()
                        .noneMatch(f -> f instanceof ServerFrame.PresenceFrame p && p.presence().userId() == a.userId()
                                && Boolean.FALSE.equals(p.presence().online())));
            }
        }
    }

    @Test
    void silentConnectionTimesOut() throws Exception {
        TestApi.Account a = api.newUser("sa");
        TestApi.Account b = api.newUser("sb");
        try (WsPeer bob = new WsPeer(server.ws(), b);
             RawWebSocket silent = new RawWebSocket(server.port(), "/v1/ws?access_token=" + a.token(), 0)) {
            assertThat(silent.read().text()).contains("\"type\":\"ready\"");
            Instant lastHeard = clock.instant();
            // "ready" may reach the client a moment before the connection counts for presence: ask until it does
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(
                    bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}",
                            ServerFrame.Presences.class).presences().get(0).online()));
            clock.advance(Duration.ofSeconds(46));
            Views.Presence offline = presenceOf(bob, a.userId(), p -> Boolean.FALSE.equals(p.online()));
            assertThat(offline.lastSeen()).isEqualTo(lastHeard.toEpochMilli());
        }
    }

    @Test
    void privacySettingsAreReciprocalAndContactsBased() {
        TestApi.Account a = api.newUser("xa");
        TestApi.Account b = api.newUser("xb");
        try (WsPeer ann = new WsPeer(server.ws(), a); WsPeer bob = new WsPeer(server.ws(), b)) {
            String watchA = "{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}";
            String watchB = "{\"type\":\"watchPresence\",\"userIds\":[" + b.userId() + "]}";
            assertThat(bob.request(watchA, ServerFrame.Presences.class).presences().get(0).online()).isTrue();

            ann.request("{\"type\":\"setSettings\",\"online\":\"contacts\",\"lastSeen\":\"contacts\"}", ServerFrame.Ok.class);
            assertThat(bob.request(watchA, ServerFrame.Presences.class).presences().get(0).online()).as("not a contact of ann").isNull();
            ann.request("{\"type\":\"addContact\",\"userId\":" + b.userId() + ",\"name\":\"Bobby\"}", ServerFrame.Ok.class);
            assertThat(bob.request(watchA, ServerFrame.Presences.class).presences().get(0).online()).isTrue();

            ann.request("{\"type\":\"setSettings\",\"online\":\"nobody\"}", ServerFrame.Ok.class);
            assertThat(bob.request(watchA, ServerFrame.Presences.class).presences().get(0).online()).isNull();
            assertThat(ann.request(watchB, ServerFrame.Presences.class).presences().get(0).online())
                    .as("who hides theirs cannot see others'").isNull();
            ann.request("{\"type\":\"setSettings\",\"online\":\"everyone\",\"lastSeen\":\"everyone\"}", ServerFrame.Ok.class);
            assertThat(ann.request(watchB, ServerFrame.Presences.class).presences().get(0).online()).isTrue();
        }
    }

    @Test
    void blockingHidesPresenceAndRefusesMessages() {
        TestApi.Account a = api.newUser("ba");
        TestApi.Account b = api.newUser("bb");
        try (WsPeer ann = new WsPeer(server.ws(), a); WsPeer bob = new WsPeer(server.ws(), b)) {
            long chat = openDirect(bob, a.userId());
            ann.request("{\"type\":\"block\",\"userId\":" + b.userId() + "}", ServerFrame.Ok.class);
            assertThat(ann.request("{\"type\":\"getBlocked\"}", ServerFrame.Blocked.class).users())
                    .extracting(Views.User::id).containsExactly(b.userId());
            ServerFrame.Error refused = bob.requestError("{\"type\":\"send\",\"chatId\":" + chat
                    + ",\"clientId\":\"blk-1\",\"text\":\"hello?\"}", "forbidden");
            assertThat(refused.message()).contains("cannot message");
            assertThat(ann.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}", ServerFrame.History.class).messages())
                    .as("nothing was stored").isEmpty();
            Views.Presence hidden = bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}",
                    ServerFrame.Presences.class).presences().get(0);
            assertThat(hidden.online()).isNull();
            assertThat(hidden.lastSeen()).isNull();

            ann.request("{\"type\":\"unblock\",\"userId\":" + b.userId() + "}", ServerFrame.Ok.class);
            bob.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"blk-2\",\"text\":\"hello again\"}",
                    ServerFrame.Accepted.class);
        }
    }

    @Test
    void presenceChangesAreCoalesced() {
        TestApi.Account a = api.newUser("ca");
        TestApi.Account b = api.newUser("cb");
        try (WsPeer ann = new WsPeer(server.ws(), a); WsPeer bob = new WsPeer(server.ws(), b)) {
            bob.request("{\"type\":\"watchPresence\",\"userIds\":[" + a.userId() + "]}", ServerFrame.Presences.class);
            for (int i = 0; i < 20; i++) {
                ann.request("{\"type\":\"setSettings\",\"online\":\"" + (i % 2 == 0 ? "nobody" : "everyone") + "\"}",
                        ServerFrame.Ok.class);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> bob.sync().signals().stream()
                    .anyMatch(f -> f instanceof ServerFrame.PresenceFrame p && p.presence().userId() == a.userId()));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            List<ServerFrame> frames = bob.sync().signals().stream()
                    .filter(f -> f instanceof ServerFrame.PresenceFrame p && p.presence().userId() == a.userId()).toList();
            assertThat(frames).as("20 changes within a second reach a watcher as at most two frames").hasSizeBetween(1, 2);
        }
    }
}

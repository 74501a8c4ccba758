package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.media.MediaSamples;
import dev.parley.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code retention = until-delivered} on a controllable clock: a message's content leaves the server once every
 * device of every recipient acknowledged it, receipts keep working, undelivered messages expire after the TTL with
 * an expired marker, and media follows its messages.
 */
class UntilDeliveredTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static TestServer server = new TestServer().withClock(clock).with("parley.retention.mode", "until-delivered");

    private final TestApi api = new TestApi(server.http());

    private static long direct(WsPeer from, long to) {
        return from.request("{\"type\":\"openDirect\",\"userId\":" + to + "}", ServerFrame.ChatResult.class)
                .chat().id();
    }

    private static ServerFrame.Accepted send(WsPeer p, long chat, String text) {
        return p.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"" + text + "\",\"text\":\""
                + text + "\"}", ServerFrame.Accepted.class);
    }

    private static List<Views.Message> history(WsPeer p, long chat) {
        return p.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}", ServerFrame.History.class).messages();
    }

    @Test
    void aMessageLeavesTheServerOnlyOnceEveryDeviceOfEveryRecipientAcknowledgedIt() {
        TestApi.Account a = api.newUser("anna");
        TestApi.Account b1 = api.newUser("bert");
        TestApi.Account b2 = api.login(b1.username(), "device-2");
        long chat;
        long seq;
        try (WsPeer wa = new WsPeer(server.ws(), a); WsPeer wb1 = new WsPeer(server.ws(), b1)) {
            chat = direct(wa, b1.userId());
            seq = send(wa, chat, "hello").seq();
            wb1.awaitUpdate(WsPeer.text(chat, "hello"));
            wb1.sync().ackAll();
            wa.sync().ackAll();
            server.server().purge();
            assertThat(history(wa, chat)).as("bert's second device has not got it yet").extracting(Views.Message::text)
                    .contains("hello");
        }
        try (WsPeer wb2 = new WsPeer(server.ws(), b2); WsPeer wa = new WsPeer(server.ws(), a)) {
            assertThat(wb2.messages(chat)).extracting(Views.Message::text).contains("hello");
            wb2.sync().ackAll();
            server.server().purge();
            assertThat(history(wa, chat)).extracting(Views.Message::seq).doesNotContain(seq);
            ServerFrame.Accepted again = wa.request("{\"type\":\"send\",\"chatId\":" + chat
                    + ",\"clientId\":\"hello\",\"text\":\"hello\"}", ServerFrame.Accepted.class);
            assertThat(again.seq()).as("the clientId stays idempotent after the purge").isEqualTo(seq);

            wb2.request("{\"type\":\"read\",\"chatId\":" + chat + ",\"seq\":" + seq + "}");
            Views.ReceiptEvent blue = (Views.ReceiptEvent) wa.awaitUpdate(e -> e instanceof Views.ReceiptEvent r
                    && r.userId() == b1.userId() && r.readSeq() != null && r.readSeq() >= seq).event();
            assertThat(blue.deliveredSeq()).as("watermarks outlive messages").isGreaterThanOrEqualTo(seq);
        }
    }

    @Test
    void anUndeliveredMessageExpiresAfterTheTtlAndTheDeviceLearnsOfTheGap() {
        TestApi.Account a = api.newUser("alma");
        TestApi.Account c = api.newUser("carl");
        long chat;
        long first;
        long last;
        try (WsPeer wa = new WsPeer(server.ws(), a)) {
            chat = direct(wa, c.userId());
            first = send(wa, chat, "m1").seq();
            send(wa, chat, "m2");
            last = send(wa, chat, "m3").seq();
            wa.sync().ackAll();
        }
        clock.advance(Duration.ofDays(29));
        server.server().purge();
        clock.advance(Duration.ofDays(2));
        server.server().purge();
        try (WsPeer wc = new WsPeer(server.ws(), c)) {
            assertThat(wc.messages(chat)).as("expired, not delivered").isEmpty();
            Views.ExpiredEvent gap = (Views.ExpiredEvent) wc.awaitUpdate(e -> e instanceof Views.ExpiredEvent).event();
            assertThat(gap).isEqualTo(new Views.ExpiredEvent(chat, first, last, "ttl"));
            assertThat(history(wc, chat)).isEmpty();
        }
    }

    @Test
    void mediaIsCollectedWhenTheLastMessageReferencingItIsPurged() {
        TestApi.Account a = api.newUser("mara");
        TestApi.Account b = api.newUser("mats");
        MediaHttp media = new MediaHttp(server.http());
        byte[] png = MediaSamples.png(40, 40);
        String id = media.upload(a.token(), png, "image/png", "p.png").get("id").asText();
        try (WsPeer wa = new WsPeer(server.ws(), a); WsPeer wb = new WsPeer(server.ws(), b)) {
            long chat = direct(wa, b.userId());
            wa.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"img\",\"kind\":\"image\","
                    + "\"mediaId\":\"" + id + "\"}", ServerFrame.Accepted.class);
            wb.awaitUpdate(e -> e instanceof Views.MessageEvent m && m.message().media() != null);
            clock.advance(Duration.ofDays(2));
            server.server().collectMedia();
            assertThat(media.get(b.token(), "/v1/media/" + id).status()).as("still referenced").isEqualTo(200);
            wb.sync().ackAll();
            wa.sync().ackAll();
            server.server().purge();
            server.server().collectMedia();
            assertThat(media.get(a.token(), "/v1/media/" + id + "/info").status()).isEqualTo(404);
        }
    }
}

package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Disappearing messages and the undelivered TTL with {@code retention = history} (the default): timers are system
 * entries, messages sent while a timer is on disappear on time and every member is told; history keeps the rest;
 * an undelivered entry past the TTL becomes an expired marker while the message stays in history.
 */
class DisappearingMessagesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));

    @RegisterExtension
    static TestServer server = new TestServer().withClock(clock);

    private final TestApi api = new TestApi(server.http());

    private static long direct(WsPeer from, long to) {
        return from.request("{\"type\":\"openDirect\",\"userId\":" + to + "}", ServerFrame.ChatResult.class)
                .chat().id();
    }

    private static long send(WsPeer p, long chat, String text) {
        return p.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"" + text + "\",\"text\":\""
                + text + "\"}", ServerFrame.Accepted.class).seq();
    }

    private static List<Long> historySeqs(WsPeer p, long chat) {
        return p.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}", ServerFrame.History.class).messages()
                .stream().map(Views.Message::seq).toList();
    }

    @Test
    void messagesSentWhileTheTimerIsOnDisappearOnTimeForEveryone() {
        TestApi.Account a = api.newUser("tara");
        TestApi.Account b = api.newUser("tom");
        try (WsPeer wa = new WsPeer(server.ws(), a); WsPeer wb = new WsPeer(server.ws(), b)) {
            long chat = direct(wa, b.userId());
            long before = send(wa, chat, "before");
            ServerFrame.Changed on = wb.request("{\"type\":\"setTimer\",\"chatId\":" + chat + ",\"seconds\":86400}",
                    ServerFrame.Changed.class);
            Views.Message entry = ((Views.MessageEvent) wa.awaitUpdate(WsPeer.system(chat, "timer_changed")).event())
                    .message();
            assertThat(entry.seq()).isEqualTo(on.seq());
            assertThat(entry.system().timerSeconds()).isEqualTo(86400L);
            assertThat(wa.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().stream()
                    .filter(c -> c.id() == chat).findFirst().orElseThrow().timerSeconds()).isEqualTo(86400L);
            long d1 = send(wa, chat, "d1");
            long d2 = send(wb, chat, "d2");
            wa.request("{\"type\":\"setTimer\",\"chatId\":" + chat + ",\"seconds\":0}", ServerFrame.Changed.class);
            long after = send(wa, chat, "after");

            clock.advance(Duration.ofHours(24).minusSeconds(1));
            server.server().purge();
            assertThat(historySeqs(wb, chat)).contains(d1, d2);
            clock.advance(Duration.ofSeconds(2));
            server.server().purge();
            for (WsPeer p : List.of(wa, wb)) {
                Views.ExpiredEvent gone = (Views.ExpiredEvent) p.awaitUpdate(e -> e instanceof Views.ExpiredEvent)
                        .event();
                assertThat(gone).isEqualTo(new Views.ExpiredEvent(chat, d1, d2, "timer"));
                assertThat(historySeqs(p, chat)).contains(before, after).doesNotContain(d1, d2);
            }
        }
    }

    @Test
    void inGroupsTheSettingsDecideWhoSetsTheTimerAndValuesAreChecked() {
        TestApi.Account owner = api.newUser("olga");
        TestApi.Account member = api.newUser("max");
        TestApi.Account stranger = api.newUser("sam");
        try (WsPeer wo = new WsPeer(server.ws(), owner); WsPeer wm = new WsPeer(server.ws(), member);
             WsPeer ws = new WsPeer(server.ws(), stranger)) {
            long group = wo.request("{\"type\":\"createGroup\",\"name\":\"g\",\"members\":[" + member.userId() + "]}",
                    ServerFrame.ChatResult.class).chat().id();
            wm.request("{\"type\":\"setTimer\",\"chatId\":" + group + ",\"seconds\":604800}", ServerFrame.Changed.class);
            wo.request("{\"type\":\"setGroupSettings\",\"chatId\":" + group + ",\"onlyAdminsEdit\":true}");
            wm.requestError("{\"type\":\"setTimer\",\"chatId\":" + group + ",\"seconds\":0}", "forbidden");
            wo.request("{\"type\":\"setTimer\",\"chatId\":" + group + ",\"seconds\":7776000}", ServerFrame.Changed.class);
            ws.requestError("{\"type\":\"setTimer\",\"chatId\":" + group + ",\"seconds\":0}", "not_found");
            assertThat(wo.requestError("{\"type\":\"setTimer\",\"chatId\":" + group + ",\"seconds\":60}",
                    "invalid_frame").message()).contains("86400");
        }
    }

    @Test
    void inHistoryModeAnEntryPastTheTtlBecomesAnExpiredMarkerAndHistoryKeepsTheMessage() {
        TestApi.Account a = api.newUser("hugo");
        TestApi.Account c = api.newUser("cora");
        long chat;
        long seq;
        try (WsPeer wa = new WsPeer(server.ws(), a)) {
            chat = direct(wa, c.userId());
            seq = send(wa, chat, "late");
            wa.sync().ackAll();
        }
        clock.advance(Duration.ofDays(31));
        server.server().purge();
        try (WsPeer wc = new WsPeer(server.ws(), c)) {
            assertThat(wc.messages(chat)).isEmpty();
            Views.ExpiredEvent gap = (Views.ExpiredEvent) wc.awaitUpdate(e -> e instanceof Views.ExpiredEvent).event();
            assertThat(gap).isEqualTo(new Views.ExpiredEvent(chat, seq, seq, "ttl"));
            assertThat(historySeqs(wc, chat)).contains(seq);
        }
    }
}

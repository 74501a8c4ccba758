package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kills the server with SIGKILL during a burst of sends from several clients, restarts it on the same data
 * directory and checks guarantees 1–4: every acknowledged message is there with its seq, none twice, no
 * gaps, idempotency survives, and the receiving device resumes exactly after what it acknowledged.
 */
class CrashSafetyTest {
    private static final int SENDERS = 4;
    private static final Map<String, String> ENV = Map.of("PARLEY_SENDS_PER_SECOND", "100000",
            "PARLEY_SEND_BURST", "100000", "PARLEY_ARGON2_MEMORY_KIB", "1024", "PARLEY_AUTH_PER_SECOND", "1000",
            "PARLEY_AUTH_BURST", "1000");

    /** What a sender saw acknowledged: clientId → (seq, messageId). */
    record Acked(long chat, String clientId, long seq, String messageId) {
    }

    @Test
    void killDashNineLosesNothingAcknowledged() throws Exception {
        Path dir = Files.createTempDirectory("parley-crash");
        List<TestApi.Account> senders = new ArrayList<>();
        TestApi.Account receiver;
        Map<Long, Long> chatOfSender = new HashMap<>();
        Map<String, Acked> acked = new ConcurrentHashMap<>();
        Map<Long, String> receivedByCursor = new ConcurrentHashMap<>();
        AtomicLong confirmedAck = new AtomicLong();
        AtomicLong lastAckSent = new AtomicLong();

        try (ServerProcess server = new ServerProcess(dir, ENV).start()) {
            TestApi api = new TestApi(server.http());
            receiver = api.newUser("recv");
            RecordingWebSocket rws = authenticated(server, receiver, null);
            for (int i = 0; i < SENDERS; i++) {
                TestApi.Account s = api.newUser("send" + i);
                senders.add(s);
            }
            List<RecordingWebSocket> sockets = new ArrayList<>();
            for (TestApi.Account s : senders) {
                RecordingWebSocket ws = authenticated(server, s, null);
                ws.send("{\"type\":\"openDirect\",\"id\":\"o\",\"userId\":" + receiver.userId() + "}");
                chatOfSender.put(s.userId(), ws.skipTo(ServerFrame.ChatResult.class).chat().id());
                sockets.add(ws);
            }
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            AtomicInteger ackCount = new AtomicInteger();
            for (int i = 0; i < SENDERS; i++) {
                RecordingWebSocket ws = sockets.get(i);
                long chat = chatOfSender.get(senders.get(i).userId());
                int senderIndex = i;
                pool.execute(() -> sendUntilDeath(ws, chat, "s" + senderIndex + "-", acked, ackCount));
            }
            pool.execute(() -> receiveAndAck(rws, receivedByCursor, confirmedAck, lastAckSent));
            await().atMost(Duration.ofSeconds(60)).until(() -> ackCount.get() >= 400);
            server.kill();
            pool.shutdownNow();
        }

        try (ServerProcess server = new ServerProcess(dir, ENV).start()) {
            TestApi api = new TestApi(server.http());
            TestApi.Account recv = api.login(receiver.username(), "after-crash-check");
            RecordingWebSocket check = authenticated(server, recv, null);
            long total = 0;
            for (long chat : chatOfSender.values()) {
                List<Views.Message> history = fullHistory(check, chat);
                assertThat(history).extracting(Views.Message::seq)
                        .as("seqs of chat %d have no gaps", chat)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, history.size()).boxed().toList());
                assertThat(history).extracting(Views.Message::clientId).doesNotHaveDuplicates();
                Map<String, Views.Message> byClientId = new HashMap<>();
                history.forEach(m -> byClientId.put(m.clientId(), m));
                acked.values().stream().filter(a -> a.chat() == chat).forEach(a -> {
                    Views.Message m = byClientId.get(a.clientId());
                    assertThat(m).as("acknowledged message %s survived", a.clientId()).isNotNull();
                    assertThat(m.seq()).isEqualTo(a.seq());
                    assertThat(m.id()).isEqualTo(a.messageId());
                });
                total += history.size();
            }
            assertThat(acked).hasSizeGreaterThanOrEqualTo(400);

            TestApi.Account firstSender = senders.get(0);
            Acked someAck = acked.values().stream().filter(a -> a.chat() == chatOfSender.get(firstSender.userId()))
                    .findFirst().orElseThrow();
            RecordingWebSocket again = authenticated(server, firstSender, null);
            again.send("{\"type\":\"send\",\"id\":\"re\",\"chatId\":" + someAck.chat() + ",\"clientId\":\""
                    + someAck.clientId() + "\",\"text\":\"resent\"}");
            ServerFrame.Accepted resent = again.skipTo(ServerFrame.Accepted.class);
            assertThat(resent.seq()).as("idempotency survives the crash").isEqualTo(someAck.seq());

            RecordingWebSocket resumed = RecordingWebSocket.connect(server.ws());
            resumed.send("{\"type\":\"auth\",\"token\":\"" + receiver.token() + "\"}");
            ServerFrame.Ready ready = resumed.expect(ServerFrame.Ready.class);
            assertThat(ready.cursor()).as("device resumes where it acknowledged")
                    .isBetween(confirmedAck.get(), lastAckSent.get());
            long cursor = ready.cursor();
            while (true) {
                ServerFrame f = resumed.next();
                if (f instanceof ServerFrame.Synced s) {
                    assertThat(s.cursor()).isEqualTo(cursor);
                    break;
                }
                ServerFrame.Update u = (ServerFrame.Update) f;
                assertThat(u.cursor()).isEqualTo(++cursor);
                receivedByCursor.put(u.cursor(), key(u));
            }
            List<String> messages = receivedByCursor.values().stream().filter(k -> k.startsWith("m:")).toList();
            assertThat(messages).as("every message reached the device exactly once").doesNotHaveDuplicates()
                    .hasSize((int) total);
        }
    }

    private static void sendUntilDeath(RecordingWebSocket ws, long chat, String prefix, Map<String, Acked> acked,
                                       AtomicInteger count) {
        try {
            for (int n = 0; !ws.isClosed(); n++) {
                String clientId = prefix + n;
                ws.send("{\"type\":\"send\",\"id\":\"" + clientId + "\",\"chatId\":" + chat + ",\"clientId\":\""
                        + clientId + "\",\"text\":\"burst " + n + "\"}");
                ServerFrame.Accepted a = ws.skipTo(ServerFrame.Accepted.class);
                acked.put(clientId, new Acked(chat, clientId, a.seq(), a.messageId()));
                count.incrementAndGet();
            }
        } catch (Throwable expectedWhenKilled) {
            // the server died under us: everything acknowledged so far is recorded
        }
    }

    private static void receiveAndAck(RecordingWebSocket ws, Map<Long, String> received, AtomicLong confirmed,
                                      AtomicLong lastSent) {
        try {
            int n = 0;
            while (!ws.isClosed()) {
                ServerFrame f = ws.next();
                if (f instanceof ServerFrame.Update u) {
                    received.put(u.cursor(), key(u));
                    if (++n % 25 == 0) {
                        lastSent.set(u.cursor());
                        ws.send("{\"type\":\"ack\",\"id\":\"k" + u.cursor() + "\",\"cursor\":" + u.cursor() + "}");
                        long acked = u.cursor();
                        if (firstOf(ws, ServerFrame.Ok.class, received) != null) {
                            confirmed.set(acked);
                        }
                    }
                }
            }
        } catch (Throwable expectedWhenKilled) {
            // killed
        }
    }

    private static String key(ServerFrame.Update u) {
        return u.event() instanceof Views.MessageEvent m
                ? "m:" + m.message().chatId() + ":" + m.message().seq() : "e:" + u.cursor();
    }

    private static List<Views.Message> fullHistory(RecordingWebSocket ws, long chat) {
        List<Views.Message> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ws.send("{\"type\":\"getHistory\",\"id\":\"h\",\"chatId\":" + chat + ",\"after\":" + after + ",\"limit\":200}");
            ServerFrame.History page = ws.skipTo(ServerFrame.History.class);
            all.addAll(page.messages());
            if (!page.more()) {
                return all;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
    }

    private static RecordingWebSocket authenticated(ServerProcess server, TestApi.Account a, Long cursor) {
        RecordingWebSocket ws = RecordingWebSocket.connect(server.ws());
        ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"" + (cursor == null ? "" : ",\"cursor\":" + cursor) + "}");
        ws.expect(ServerFrame.Ready.class);
        ws.skipTo(ServerFrame.Synced.class);
        return ws;
    }

    /** Next frame of the type; updates before it are recorded into {@code received} when given. */
    private static <T extends ServerFrame> T firstOf(RecordingWebSocket ws, Class<T> type, Map<Long, String> received) {
        while (true) {
            ServerFrame f = ws.next();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
            if (received != null && f instanceof ServerFrame.Update u) {
                received.put(u.cursor(), key(u));
            }
        }
    }
}

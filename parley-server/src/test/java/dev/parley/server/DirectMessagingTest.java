package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One-to-one chats over raw frames, asserting what each device receives, in order. */
class DirectMessagingTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    private final TestApi api = new TestApi(server.http());

    @Test
    void sameChatWhoeverOpensIt() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account b = api.newUser("b");
        try (RecordingWebSocket wa = connect(a); RecordingWebSocket wb = connect(b)) {
            long chat = openDirect(wa, b.userId());
            wa.send("{\"type\":\"openDirect\",\"id\":\"o2\",\"userId\":" + b.userId() + "}");
            ServerFrame.ChatResult again = firstOf(wa, ServerFrame.ChatResult.class);
            wb.send("{\"type\":\"openDirect\",\"id\":\"o3\",\"userId\":" + a.userId() + "}");
            ServerFrame.ChatResult fromB = firstOf(wb, ServerFrame.ChatResult.class);
            assertThat(again.chat().id()).isEqualTo(chat);
            assertThat(fromB.chat().id()).isEqualTo(chat);
            assertThat(fromB.chat().peer().id()).isEqualTo(a.userId());
            assertThat(fromB.chat().kind()).isEqualTo("direct");
        }
    }

    @Test
    void sendIsAckedPushedLiveAndIdempotent() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account a2 = api.login(a.username(), "tablet");
        TestApi.Account b = api.newUser("b");
        try (RecordingWebSocket wa = connect(a); RecordingWebSocket wa2 = connect(a2); RecordingWebSocket wb = connect(b)) {
            long chat = openDirect(wa, b.userId());
            assertThat(wb.expect(ServerFrame.Update.class).event()).isInstanceOf(Views.ChatEvent.class);
            assertThat(wa2.expect(ServerFrame.Update.class).event()).isInstanceOf(Views.ChatEvent.class);

            wa.send(send("s1", chat, "c-1", "hello"));
            List<ServerFrame> mine = take(wa, 2);
            ServerFrame.Accepted ack = only(mine, ServerFrame.Accepted.class);
            assertThat(ack.id()).isEqualTo("s1");
            assertThat(ack.seq()).isEqualTo(1);
            assertThat(ack.clientId()).isEqualTo("c-1");
            assertThat(message(only(mine, ServerFrame.Update.class)).text()).isEqualTo("hello");

            Views.Message atB = message(wb.expect(ServerFrame.Update.class));
            assertThat(atB.seq()).isEqualTo(1);
            assertThat(atB.id()).isEqualTo(ack.messageId());
            assertThat(atB.senderId()).isEqualTo(a.userId());
            assertThat(message(wa2.expect(ServerFrame.Update.class)).text()).isEqualTo("hello");

            wa.send(send("s2", chat, "c-1", "hello again?"));
            ServerFrame.Accepted dup = wa.expect(ServerFrame.Accepted.class);
            assertThat(dup).isEqualTo(new ServerFrame.Accepted("s2", chat, 1, ack.messageId(), "c-1", ack.serverTime()));

            wa.send(send("s3", chat, "c-2", "second"));
            assertThat(only(take(wa, 2), ServerFrame.Accepted.class).seq()).isEqualTo(2);
            Views.Message next = message(wb.expect(ServerFrame.Update.class));
            assertThat(next.seq()).as("the duplicate produced no update").isEqualTo(2);
            assertThat(next.text()).isEqualTo("second");
        }
    }

    @Test
    void offlineDeviceGetsBacklogInOrderThenLive() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account b = api.newUser("b");
        long chat;
        long bCursor;
        try (RecordingWebSocket wa = connect(a); RecordingWebSocket wb = connect(b)) {
            chat = openDirect(wa, b.userId());
            bCursor = wb.expect(ServerFrame.Update.class).cursor();
            wb.send("{\"type\":\"ack\",\"id\":\"k\",\"cursor\":" + bCursor + "}");
            wb.expect(ServerFrame.Ok.class);
        }
        try (RecordingWebSocket wa = connect(a)) {
            for (int i = 1; i <= 5; i++) {
                wa.send(send("s" + i, chat, "off-" + i, "m" + i));
                firstOf(wa, ServerFrame.Accepted.class);
            }
        }
        try (RecordingWebSocket wb = RecordingWebSocket.connect(server.ws())) {
            wb.send("{\"type\":\"auth\",\"token\":\"" + b.token() + "\"}");
            assertThat(wb.expect(ServerFrame.Ready.class).cursor()).isEqualTo(bCursor);
            long expectedCursor = bCursor;
            for (int i = 1; i <= 5; i++) {
                ServerFrame.Update u = wb.expect(ServerFrame.Update.class);
                assertThat(u.cursor()).isEqualTo(++expectedCursor);
                assertThat(message(u).seq()).isEqualTo(i);
                assertThat(message(u).text()).isEqualTo("m" + i);
            }
            assertThat(wb.expect(ServerFrame.Synced.class).cursor()).isEqualTo(expectedCursor);
        }
    }

    @Test
    void receiptsFlowBackToTheSenderAndCanBeTurnedOff() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account b = api.newUser("b");
        try (RecordingWebSocket wa = connect(a); RecordingWebSocket wb = connect(b)) {
            long chat = openDirect(wa, b.userId());
            wb.expect(ServerFrame.Update.class);
            wa.send(send("s1", chat, "r-1", "did you get this?"));
            take(wa, 2);
            ServerFrame.Update atB = wb.expect(ServerFrame.Update.class);

            wb.send("{\"type\":\"ack\",\"cursor\":" + atB.cursor() + "}");
            Views.ReceiptEvent delivered = receipt(wa.expect(ServerFrame.Update.class));
            assertThat(delivered).isEqualTo(new Views.ReceiptEvent(chat, b.userId(), 1, 0L));

            wb.send("{\"type\":\"read\",\"id\":\"rd\",\"chatId\":" + chat + ",\"seq\":1}");
            List<ServerFrame> atBAfterRead = take(wb, 2);
            only(atBAfterRead, ServerFrame.Ok.class);
            assertThat(receipt(only(atBAfterRead, ServerFrame.Update.class)).readSeq())
                    .as("the reader's own devices learn the read position").isEqualTo(1L);
            assertThat(receipt(wa.expect(ServerFrame.Update.class))).isEqualTo(new Views.ReceiptEvent(chat, b.userId(), 1, 1L));

            wb.send("{\"type\":\"setSettings\",\"id\":\"st\",\"readReceipts\":false}");
            wb.expect(ServerFrame.Ok.class);
            wa.send(send("s2", chat, "r-2", "and this?"));
            take(wa, 2);
            ServerFrame.Update second = wb.expect(ServerFrame.Update.class);
            wb.send("{\"type\":\"ack\",\"cursor\":" + second.cursor() + "}");
            assertThat(receipt(wa.expect(ServerFrame.Update.class)).deliveredSeq()).isEqualTo(2);
            wb.send("{\"type\":\"read\",\"chatId\":" + chat + ",\"seq\":2}");
            wb.expect(ServerFrame.Update.class);
            Views.ReceiptEvent hidden = receipt(wa.expect(ServerFrame.Update.class));
            assertThat(hidden.readSeq()).as("B turned read receipts off: A sees no read position").isNull();

            wa.send("{\"type\":\"getChats\",\"id\":\"g\"}");
            Views.Chat seenByA = firstOf(wa, ServerFrame.Chats.class).chats().get(0);
            Views.Member bAsSeenByA = seenByA.members().stream().filter(m -> m.userId() == b.userId()).findFirst().orElseThrow();
            assertThat(bAsSeenByA.deliveredSeq()).isEqualTo(2);
            assertThat(bAsSeenByA.readSeq()).isNull();
        }
    }

    @Test
    void chatListAndHistoryPaging() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account b = api.newUser("b");
        TestApi.Account stranger = api.newUser("z");
        try (RecordingWebSocket wa = connect(a); RecordingWebSocket wb = connect(b); RecordingWebSocket wz = connect(stranger)) {
            long chat = openDirect(wa, b.userId());
            for (int i = 1; i <= 7; i++) {
                wa.send(send("s" + i, chat, "h-" + i, "text " + i));
                firstOf(wa, ServerFrame.Accepted.class);
            }
            wb.send("{\"type\":\"read\",\"id\":\"r\",\"chatId\":" + chat + ",\"seq\":3}");
            firstOf(wb, ServerFrame.Ok.class);
            wb.send("{\"type\":\"getChats\",\"id\":\"g\"}");
            Views.Chat c = firstOf(wb, ServerFrame.Chats.class).chats().get(0);
            assertThat(c.id()).isEqualTo(chat);
            assertThat(c.lastSeq()).isEqualTo(7);
            assertThat(c.readSeq()).isEqualTo(3);
            assertThat(c.unread()).isEqualTo(4);
            assertThat(c.lastMessage().text()).isEqualTo("text 7");
            assertThat(c.peer().id()).isEqualTo(a.userId());

            wb.send("{\"type\":\"getHistory\",\"id\":\"h1\",\"chatId\":" + chat + ",\"limit\":3}");
            ServerFrame.History newest = firstOf(wb, ServerFrame.History.class);
            assertThat(newest.messages()).extracting(Views.Message::seq).containsExactly(5L, 6L, 7L);
            assertThat(newest.more()).isTrue();
            wb.send("{\"type\":\"getHistory\",\"id\":\"h2\",\"chatId\":" + chat + ",\"before\":5,\"limit\":10}");
            ServerFrame.History older = firstOf(wb, ServerFrame.History.class);
            assertThat(older.messages()).extracting(Views.Message::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(older.more()).isFalse();
            wb.send("{\"type\":\"getHistory\",\"id\":\"h3\",\"chatId\":" + chat + ",\"after\":5,\"limit\":1}");
            ServerFrame.History after = firstOf(wb, ServerFrame.History.class);
            assertThat(after.messages()).extracting(Views.Message::seq).containsExactly(6L);
            assertThat(after.more()).isTrue();

            wz.send("{\"type\":\"getHistory\",\"id\":\"x\",\"chatId\":" + chat + "}");
            wz.expectError("not_found", "x");
            wz.send(send("x2", chat, "intrude", "let me in"));
            wz.expectError("not_found", "x2");
            wz.send("{\"type\":\"read\",\"id\":\"x3\",\"chatId\":" + chat + ",\"seq\":1}");
            wz.expectError("not_found", "x3");
            wz.send("{\"type\":\"getChats\",\"id\":\"x4\"}");
            assertThat(wz.expect(ServerFrame.Chats.class).chats()).isEmpty();
        }
    }

    @Test
    void textLimitIsEnforced() {
        TestApi.Account a = api.newUser("a");
        TestApi.Account b = api.newUser("b");
        try (RecordingWebSocket wa = connect(a)) {
            long chat = openDirect(wa, b.userId());
            wa.send(send("big", chat, "big-1", "x".repeat(4097)));
            wa.expectError("text_too_long", "big");
            wa.send(send("empty", chat, "e-1", "  "));
            wa.expectError("invalid_frame", "empty");
            wa.send("{\"type\":\"send\",\"id\":\"reply\",\"chatId\":" + chat + ",\"clientId\":\"rp-1\",\"text\":\"re\",\"replyTo\":9}");
            assertThat(wa.expectError("invalid_frame", "reply").message()).contains("replyTo 9");
        }
    }

    // --- helpers ---

    private RecordingWebSocket connect(TestApi.Account a) {
        RecordingWebSocket ws = RecordingWebSocket.connect(server.ws());
        ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"}");
        ws.expect(ServerFrame.Ready.class);
        while (!(ws.next() instanceof ServerFrame.Synced)) {
            // skip backlog
        }
        return ws;
    }

    /** Opens a new direct chat: takes both the response and the opener's own ChatEvent update, in either order. */
    private long openDirect(RecordingWebSocket ws, long peer) {
        ws.send("{\"type\":\"openDirect\",\"id\":\"open\",\"userId\":" + peer + "}");
        List<ServerFrame> frames = take(ws, 2);
        long chat = only(frames, ServerFrame.ChatResult.class).chat().id();
        assertThat(((Views.ChatEvent) only(frames, ServerFrame.Update.class).event()).chatId()).isEqualTo(chat);
        return chat;
    }

    private static String send(String id, long chat, String clientId, String text) {
        return "{\"type\":\"send\",\"id\":\"" + id + "\",\"chatId\":" + chat + ",\"clientId\":\"" + clientId
                + "\",\"text\":\"" + text + "\"}";
    }

    /** Skips pushed updates until a frame of the type arrives. */
    private static <T extends ServerFrame> T firstOf(RecordingWebSocket ws, Class<T> type) {
        while (true) {
            ServerFrame f = ws.next();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
            assertThat(f).as("only updates may come before the %s", type.getSimpleName()).isInstanceOf(ServerFrame.Update.class);
        }
    }

    private static List<ServerFrame> take(RecordingWebSocket ws, int n) {
        List<ServerFrame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(ws.next());
        }
        return frames;
    }

    private static <T extends ServerFrame> T only(List<ServerFrame> frames, Class<T> type) {
        List<T> matching = frames.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as("exactly one %s in %s", type.getSimpleName(), frames).hasSize(1);
        return matching.get(0);
    }

    private static Views.Message message(ServerFrame.Update u) {
        assertThat(u.event()).isInstanceOf(Views.MessageEvent.class);
        return ((Views.MessageEvent) u.event()).message();
    }

    private static Views.ReceiptEvent receipt(ServerFrame.Update u) {
        assertThat(u.event()).isInstanceOf(Views.ReceiptEvent.class);
        return (Views.ReceiptEvent) u.event();
    }
}

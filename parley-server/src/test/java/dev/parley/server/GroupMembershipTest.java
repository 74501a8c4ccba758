package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership is sequenced with the messages: windows, removal, re-adding, the removal race, group receipts. */
class GroupMembershipTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.limits.sends-per-second", 10000)
            .with("parley.limits.send-burst", 10000);

    private final TestApi api = new TestApi(server.http());

    private WsPeer peer(String name) {
        return new WsPeer(server.ws(), api.newUser(name));
    }

    private static String ids(WsPeer... peers) {
        return String.join(",", java.util.Arrays.stream(peers).map(p -> Long.toString(p.userId())).toList());
    }

    private static long group(WsPeer owner, WsPeer... members) {
        return owner.request("{\"type\":\"createGroup\",\"name\":\"g\",\"members\":[" + ids(members) + "]}",
                ServerFrame.ChatResult.class).chat().id();
    }

    private static ServerFrame.Accepted send(WsPeer p, long chat, String clientId, String text) {
        return p.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"" + clientId + "\",\"text\":\"" + text + "\"}",
                ServerFrame.Accepted.class);
    }

    @Test
    void removedMemberGetsTheRemovalAndNothingAfterReAddedMemberSeesOnlyTheNewWindow() {
        TestApi.Account rAccount = api.newUser("rita");
        try (WsPeer owner = peer("olga"); WsPeer rita = new WsPeer(server.ws(), rAccount)) {
            long chat = group(owner, rita);
            send(owner, chat, "m1", "before");
            long leaveSeq = owner.request("{\"type\":\"removeMember\",\"chatId\":" + chat + ",\"userId\":" + rita.userId() + "}",
                    ServerFrame.Changed.class).seq();
            send(owner, chat, "m2", "during the gap");
            rita.awaitUpdate(WsPeer.system(chat, "removed"));
            rita.requestError("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"r1\",\"text\":\"let me back\"}", "not_found");
            List<Views.Message> page = rita.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}", ServerFrame.History.class).messages();
            assertThat(page).extracting(Views.Message::seq).containsExactly(1L, 2L, leaveSeq);
            Views.Chat listed = rita.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().get(0);
            assertThat(listed.active()).isFalse();
            assertThat(listed.lastMessage().seq()).isEqualTo(leaveSeq);
            assertThat(rita.sync().messages(chat)).extracting(Views.Message::seq).containsExactly(1L, 2L, leaveSeq);

            try (WsPeer again = new WsPeer(server.ws(), rAccount)) {
                assertThat(again.messages(chat)).as("nothing after the removal on reconnect either")
                        .extracting(Views.Message::seq).containsExactly(1L, 2L, leaveSeq);
            }

            long rejoin = owner.request("{\"type\":\"addMembers\",\"chatId\":" + chat + ",\"userIds\":[" + rita.userId() + "]}",
                    ServerFrame.Changed.class).seq();
            send(owner, chat, "m3", "welcome back");
            rita.awaitUpdate(WsPeer.text(chat, "welcome back"));
            assertThat(rita.messages(chat)).extracting(Views.Message::seq).containsExactly(1L, 2L, leaveSeq, rejoin, rejoin + 1);
            List<Views.Message> after = rita.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}", ServerFrame.History.class).messages();
            assertThat(after).extracting(Views.Message::seq).as("history starts at the new join, not the gap").containsExactly(rejoin, rejoin + 1);
        }
    }

    @Test
    void offlineMemberGetsEverythingInOrderOnReconnectWithUnreadCount() {
        TestApi.Account away = api.newUser("away");
        try (WsPeer owner = peer("host"); WsPeer other = peer("other")) {
            long chat;
            try (WsPeer before = new WsPeer(server.ws(), away)) {
                chat = group(owner, before, other);
                before.awaitUpdate(WsPeer.system(chat, "created"));
                before.ackAll();
            }
            for (int i = 1; i <= 5; i++) {
                send(i % 2 == 0 ? owner : other, chat, "off-" + i, "while away " + i);
            }
            owner.request("{\"type\":\"editGroup\",\"chatId\":" + chat + ",\"name\":\"renamed\"}", ServerFrame.Changed.class);
            try (WsPeer back = new WsPeer(server.ws(), away)) {
                assertThat(back.messages(chat)).extracting(Views.Message::seq).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
                Views.Chat listed = back.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().get(0);
                assertThat(listed.unread()).isEqualTo(5);
                assertThat(listed.group().name()).isEqualTo("renamed");
            }
        }
    }

    @Test
    void removalRacingABurstOfSends() throws Exception {
        TestApi.Account rAccount = api.newUser("remy");
        WsPeer owner = peer("owen");
        WsPeer removed = new WsPeer(server.ws(), rAccount);
        List<WsPeer> senders = List.of(peer("s1"), peer("s2"), peer("s3"));
        long chat = group(owner, removed, senders.get(0), senders.get(1), senders.get(2));
        int perSender = 60;
        AtomicInteger acked = new AtomicInteger();
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<Void>> bursts = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            WsPeer s = senders.get(i);
            int n = i;
            bursts.add(CompletableFuture.runAsync(() -> {
                for (int k = 0; k < perSender; k++) {
                    send(s, chat, "b" + n + "-" + k, "burst " + n + "/" + k);
                    acked.incrementAndGet();
                }
            }, pool));
        }
        org.awaitility.Awaitility.await().until(() -> acked.get() >= perSender);
        long leaveSeq = owner.request("{\"type\":\"removeMember\",\"chatId\":" + chat + ",\"userId\":" + removed.userId() + "}",
                ServerFrame.Changed.class).seq();
        CompletableFuture.allOf(bursts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long last = 1 + 3L * perSender + 1;
        assertThat(leaveSeq).isBetween(2L, last - 1);

        removed.awaitUpdate(WsPeer.system(chat, "removed"));
        List<Long> expected = LongStream.rangeClosed(1, leaveSeq).boxed().toList();
        assertThat(removed.sync().messages(chat)).extracting(Views.Message::seq).isEqualTo(expected);
        try (WsPeer again = new WsPeer(server.ws(), rAccount)) {
            assertThat(again.messages(chat)).extracting(Views.Message::seq).isEqualTo(expected);
        }
        for (WsPeer s : senders) {
            s.awaitUpdate(m -> m instanceof Views.MessageEvent e && e.message().chatId() == chat && e.message().seq() == last);
            assertThat(s.messages(chat)).extracting(Views.Message::seq)
                    .isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
        }
        owner.close();
        removed.close();
        senders.forEach(WsPeer::close);
    }

    @Test
    void groupReceiptsTurnWhenEveryoneDeliveredAndReadAndMessageInfoSaysWhen() {
        try (WsPeer sam = peer("sam"); WsPeer amy = peer("amy"); WsPeer bob = peer("bob")) {
            long chat = group(sam, amy, bob);
            long seq = send(sam, chat, "hello-1", "hello group").seq();
            amy.awaitUpdate(WsPeer.text(chat, "hello group"));
            bob.awaitUpdate(WsPeer.text(chat, "hello group"));
            sam.ackAll();
            amy.ackAll();
            List<Views.ReceiptInfo> half = sam.request("{\"type\":\"getMessageInfo\",\"chatId\":" + chat + ",\"seq\":" + seq + "}",
                    ServerFrame.MessageInfo.class).members();
            assertThat(half).extracting(Views.ReceiptInfo::userId).containsExactlyInAnyOrder(amy.userId(), bob.userId());
            assertThat(half).filteredOn(i -> i.userId() == amy.userId()).allMatch(i -> i.deliveredAt() != null && i.readAt() == null);
            assertThat(half).filteredOn(i -> i.userId() == bob.userId()).allMatch(i -> i.deliveredAt() == null);

            bob.ackAll();
            Views.GroupReceiptEvent delivered = (Views.GroupReceiptEvent) sam.awaitUpdate(
                    e -> e instanceof Views.GroupReceiptEvent g && g.chatId() == chat && g.deliveredSeq() >= seq).event();
            assertThat(delivered.readSeq()).isLessThan(seq);

            amy.request("{\"type\":\"read\",\"chatId\":" + chat + ",\"seq\":" + seq + "}", ServerFrame.Ok.class);
            bob.request("{\"type\":\"read\",\"chatId\":" + chat + ",\"seq\":" + seq + "}", ServerFrame.Ok.class);
            sam.awaitUpdate(e -> e instanceof Views.GroupReceiptEvent g && g.chatId() == chat && g.readSeq() >= seq);
            List<Views.ReceiptInfo> all = sam.request("{\"type\":\"getMessageInfo\",\"chatId\":" + chat + ",\"seq\":" + seq + "}",
                    ServerFrame.MessageInfo.class).members();
            assertThat(all).allMatch(i -> i.deliveredAt() != null && i.readAt() != null && i.readAt() >= i.deliveredAt());
        }
    }
}

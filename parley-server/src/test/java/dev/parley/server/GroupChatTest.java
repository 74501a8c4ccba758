package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Group lifecycle, roles, settings, invites and the chat list, over raw frames. */
class GroupChatTest {
    @RegisterExtension
    static final TestServer server = new TestServer().with("parley.limits.max-group-members", 5);

    private final TestApi api = new TestApi(server.http());

    private WsPeer peer(String name) {
        return new WsPeer(server.ws(), api.newUser(name));
    }

    private static long create(WsPeer owner, String name, WsPeer... members) {
        StringBuilder ids = new StringBuilder();
        for (WsPeer m : members) {
            ids.append(ids.isEmpty() ? "" : ",").append(m.userId());
        }
        Views.Chat chat = owner.request("{\"type\":\"createGroup\",\"name\":\"" + name + "\",\"members\":[" + ids + "]}",
                ServerFrame.ChatResult.class).chat();
        assertThat(chat.kind()).isEqualTo("group");
        assertThat(chat.group().name()).isEqualTo(name);
        return chat.id();
    }

    @Test
    void creationIsSeqOneAndEveryMemberLearnsOfIt() {
        try (WsPeer ann = peer("ann"); WsPeer ben = peer("ben"); WsPeer cat = peer("cat")) {
            long chat = create(ann, "Hikers", ben, cat);
            for (WsPeer p : List.of(ann, ben, cat)) {
                p.awaitUpdate(e -> e instanceof Views.ChatEvent c && c.chatId() == chat);
                Views.Message created = ((Views.MessageEvent) p.awaitUpdate(WsPeer.system(chat, "created")).event()).message();
                assertThat(created.seq()).isEqualTo(1);
                assertThat(created.system().userIds()).containsExactlyInAnyOrder(ben.userId(), cat.userId());
                assertThat(created.kind()).isEqualTo("system");
            }
            Views.Chat seenByBen = ben.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().get(0);
            assertThat(seenByBen.members()).extracting(Views.Member::role).containsExactlyInAnyOrder("owner", "member", "member");
            assertThat(seenByBen.unread()).as("system entries are not unread").isZero();
            assertThat(seenByBen.active()).isTrue();
        }
    }

    @Test
    void rolesDecideWhoMayChangeWhat() {
        try (WsPeer ann = peer("ann"); WsPeer ben = peer("ben"); WsPeer cat = peer("cat"); WsPeer dan = peer("dan")) {
            long chat = create(ann, "Book club", ben, cat);
            ben.requestError("{\"type\":\"addMembers\",\"chatId\":" + chat + ",\"userIds\":[" + dan.userId() + "]}", "forbidden");
            ben.requestError("{\"type\":\"removeMember\",\"chatId\":" + chat + ",\"userId\":" + cat.userId() + "}", "forbidden");
            ann.request("{\"type\":\"setRole\",\"chatId\":" + chat + ",\"userId\":" + ben.userId() + ",\"role\":\"admin\"}",
                    ServerFrame.Changed.class);
            ServerFrame.Changed added = ben.request("{\"type\":\"addMembers\",\"chatId\":" + chat + ",\"userIds\":["
                    + dan.userId() + "]}", ServerFrame.Changed.class);
            assertThat(added.seq()).isEqualTo(3);
            dan.awaitUpdate(e -> e instanceof Views.ChatEvent c && c.chatId() == chat);
            dan.awaitUpdate(WsPeer.system(chat, "added"));
            ben.requestError("{\"type\":\"removeMember\",\"chatId\":" + chat + ",\"userId\":" + ann.userId() + "}", "forbidden");
            ben.requestError("{\"type\":\"addMembers\",\"chatId\":" + chat + ",\"userIds\":[" + dan.userId() + "]}", "invalid_frame");

            cat.request("{\"type\":\"editGroup\",\"chatId\":" + chat + ",\"name\":\"Book club 2\"}", ServerFrame.Changed.class);
            ann.request("{\"type\":\"setGroupSettings\",\"chatId\":" + chat + ",\"onlyAdminsSend\":true,\"onlyAdminsEdit\":true}",
                    ServerFrame.Changed.class);
            cat.requestError("{\"type\":\"editGroup\",\"chatId\":" + chat + ",\"name\":\"mine\"}", "forbidden");
            cat.requestError("{\"type\":\"setGroupSettings\",\"chatId\":" + chat + ",\"onlyAdminsSend\":false}", "forbidden");
            cat.requestError("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"c1\",\"text\":\"hi\"}", "forbidden");
            ben.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"b1\",\"text\":\"admins only\"}",
                    ServerFrame.Accepted.class);
            cat.awaitUpdate(WsPeer.system(chat, "settings_changed"));
            cat.awaitUpdate(WsPeer.text(chat, "admins only"));

            Views.Chat info = ann.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().get(0);
            assertThat(info.group().name()).isEqualTo("Book club 2");
            assertThat(info.group().onlyAdminsSend()).isTrue();
        }
    }

    @Test
    void ownershipIsHandedOverOrPassesOnWhenTheOwnerLeaves() {
        try (WsPeer ann = peer("ann"); WsPeer ben = peer("ben"); WsPeer cat = peer("cat")) {
            long chat = create(ann, "Band", ben, cat);
            ben.requestError("{\"type\":\"transferOwnership\",\"chatId\":" + chat + ",\"userId\":" + cat.userId() + "}", "forbidden");
            ann.request("{\"type\":\"transferOwnership\",\"chatId\":" + chat + ",\"userId\":" + ben.userId() + "}",
                    ServerFrame.Changed.class);
            ben.request("{\"type\":\"leaveGroup\",\"chatId\":" + chat + "}", ServerFrame.Changed.class);
            Views.Message left = ((Views.MessageEvent) cat.awaitUpdate(WsPeer.system(chat, "left")).event()).message();
            assertThat(left.system().actorId()).isEqualTo(ben.userId());
            assertThat(left.system().userIds()).as("ownership passes to the admin (the old owner)").containsExactly(ann.userId());
            Views.Chat c = cat.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().get(0);
            assertThat(c.members()).filteredOn(m -> m.userId() == ann.userId()).extracting(Views.Member::role).containsExactly("owner");
            assertThat(c.members()).extracting(Views.Member::userId).doesNotContain(ben.userId());
        }
    }

    @Test
    void sizeLimitIsEnforced() {
        try (WsPeer ann = peer("ann")) {
            List<TestApi.Account> five = List.of(api.newUser("x"), api.newUser("x"), api.newUser("x"), api.newUser("x"), api.newUser("x"));
            String ids = String.join(",", five.stream().map(a -> Long.toString(a.userId())).toList());
            assertThat(ann.requestError("{\"type\":\"createGroup\",\"name\":\"Too big\",\"members\":[" + ids + "]}",
                    "invalid_frame").message()).contains("5");
            long chat = ann.request("{\"type\":\"createGroup\",\"name\":\"Full\",\"members\":["
                    + ids.substring(0, ids.lastIndexOf(',')) + "]}", ServerFrame.ChatResult.class).chat().id();
            assertThat(ann.requestError("{\"type\":\"addMembers\",\"chatId\":" + chat + ",\"userIds\":[" + five.get(4).userId()
                    + "]}", "invalid_frame").message()).contains("limit is 5");
        }
    }

    @Test
    void inviteLinksOpenOrWithApprovalAndRevocation() {
        try (WsPeer ann = peer("ann"); WsPeer ben = peer("ben"); WsPeer cat = peer("cat"); WsPeer dan = peer("dan")) {
            long chat = create(ann, "Open house");
            ben.requestError("{\"type\":\"createInvite\",\"chatId\":" + chat + "}", "not_found");
            String open = ann.request("{\"type\":\"createInvite\",\"chatId\":" + chat + "}", ServerFrame.InviteResult.class)
                    .invite().code();
            Views.Chat joined = ben.request("{\"type\":\"joinByInvite\",\"code\":\"" + open + "\"}", ServerFrame.ChatResult.class).chat();
            assertThat(joined.id()).isEqualTo(chat);
            ann.awaitUpdate(WsPeer.system(chat, "joined"));

            String gated = ann.request("{\"type\":\"createInvite\",\"chatId\":" + chat + ",\"approvalRequired\":true}",
                    ServerFrame.InviteResult.class).invite().code();
            assertThat(cat.request("{\"type\":\"joinByInvite\",\"code\":\"" + gated + "\"}", ServerFrame.JoinPending.class).chatId())
                    .isEqualTo(chat);
            ann.awaitUpdate(e -> e instanceof Views.JoinRequestEvent j && j.userId() == cat.userId());
            assertThat(ann.request("{\"type\":\"getJoinRequests\",\"chatId\":" + chat + "}", ServerFrame.JoinRequests.class)
                    .requests()).extracting(Views.JoinRequest::userId).containsExactly(cat.userId());
            ann.request("{\"type\":\"answerJoinRequest\",\"chatId\":" + chat + ",\"userId\":" + cat.userId() + ",\"approve\":true}",
                    ServerFrame.Changed.class);
            cat.awaitUpdate(WsPeer.system(chat, "joined"));
            assertThat(ann.request("{\"type\":\"getInvites\",\"chatId\":" + chat + "}", ServerFrame.Invites.class).invites()).hasSize(2);

            ann.request("{\"type\":\"revokeInvite\",\"chatId\":" + chat + ",\"code\":\"" + open + "\"}", ServerFrame.Ok.class);
            dan.requestError("{\"type\":\"joinByInvite\",\"code\":\"" + open + "\"}", "not_found");
            dan.requestError("{\"type\":\"joinByInvite\",\"code\":\"nonsense\"}", "not_found");
        }
    }
}

package dev.parley.client;

import static dev.parley.client.FakeTransport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group requests, their answers, the group events, and what happens to group changes on a lost connection. */
class ParleyClientGroupTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String GROUP_CHAT = "{'id':12,'kind':'group','lastSeq':1,'members':[],'readSeq':1,'unread':0,"
            + "'createdAt':0,'group':{'name':'Family','onlyAdminsSend':false,'onlyAdminsEdit':false,'createdBy':1,"
            + "'maxMembers':1024},'active':true}";
    private final ClientFixture fx = new ClientFixture();

    @AfterEach
    void closeClient() {
        fx.close();
    }

    /** Waits for the {@code n}-th (1-based) frame of {@code type}. */
    private static JsonNode frame(FakeTransport.FakeConnection server, String type, int n) {
        return server.awaitFrames(type, n).get(n - 1);
    }

    /** Answers {@code request} with a frame of {@code type} and the given extra fields (single-quoted JSON). */
    private static void answer(FakeTransport.FakeConnection server, JsonNode request, String type, String fields) {
        server.push("{'type':'" + type + "','id':'" + request.get("id").asText() + "'" + (fields.isEmpty() ? "" : ",")
                + fields + "}");
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    @Test
    void createGroupSendsTheSpecAndCompletesWithTheChat() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        List<Long> members = new ArrayList<>(List.of(2L, 3L));
        CompletableFuture<Views.Chat> chat = client.createGroup("Family", "us", null, members, true, null);
        members.add(4L);
        JsonNode create = frame(server, "createGroup", 1);
        assertThat(create.get("name").asText()).isEqualTo("Family");
        assertThat(create.get("description").asText()).isEqualTo("us");
        assertThat(longs(create.get("members"))).containsExactly(2L, 3L);
        assertThat(create.get("onlyAdminsSend").asBoolean()).isTrue();
        assertThat(create.has("onlyAdminsEdit")).isFalse();
        assertThat(create.has("avatar")).isFalse();
        answer(server, create, "chat", "'chat':" + GROUP_CHAT);
        assertThat(chat).succeedsWithin(WAIT).satisfies(c -> {
            assertThat(c.id()).isEqualTo(12);
            assertThat(c.group().name()).isEqualTo("Family");
            assertThat(c.active()).isTrue();
        });
    }

    @Test
    void membershipChangesCompleteWithTheSeqOfTheirSystemEntry() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        List<CompletableFuture<ServerFrame.Changed>> changes = List.of(
                client.addMembers(12, List.of(4L, 5L)),
                client.removeMember(12, 4),
                client.setRole(12, 5, "admin"),
                client.transferOwnership(12, 5),
                client.editGroup(12, "Family 2", "", null),
                client.setGroupSettings(12, null, true),
                client.leaveGroup(12));
        List<String> types = List.of("addMembers", "removeMember", "setRole", "transferOwnership", "editGroup",
                "setGroupSettings", "leaveGroup");
        for (int i = 0; i < types.size(); i++) {
            JsonNode request = frame(server, types.get(i), 1);
            assertThat(request.get("chatId").asLong()).isEqualTo(12);
            answer(server, request, "changed", "'chatId':12,'seq':" + (i + 2));
        }
        assertThat(longs(frame(server, "addMembers", 1).get("userIds"))).containsExactly(4L, 5L);
        assertThat(frame(server, "removeMember", 1).get("userId").asLong()).isEqualTo(4);
        assertThat(frame(server, "setRole", 1).get("role").asText()).isEqualTo("admin");
        assertThat(frame(server, "transferOwnership", 1).get("userId").asLong()).isEqualTo(5);
        JsonNode edit = frame(server, "editGroup", 1);
        assertThat(edit.get("name").asText()).isEqualTo("Family 2");
        assertThat(edit.get("description").asText()).isEmpty();
        assertThat(edit.has("avatar")).isFalse();
        JsonNode settings = frame(server, "setGroupSettings", 1);
        assertThat(settings.has("onlyAdminsSend")).isFalse();
        assertThat(settings.get("onlyAdminsEdit").asBoolean()).isTrue();
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i)).succeedsWithin(WAIT).extracting(ServerFrame.Changed::seq).isEqualTo(i + 2L);
        }
    }

    @Test
    void invitesAndJoinRequests() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<Views.Invite> invite = client.createInvite(12, true);
        JsonNode create = frame(server, "createInvite", 1);
        assertThat(create.get("approvalRequired").asBoolean()).isTrue();
        answer(server, create, "invite", "'invite':{'code':'Xy-1','chatId':12,'createdBy':1,'approvalRequired':true,"
                + "'createdAt':5}");
        assertThat(invite).succeedsWithin(WAIT).extracting(Views.Invite::code).isEqualTo("Xy-1");

        CompletableFuture<List<Views.Invite>> invites = client.invites(12);
        answer(server, frame(server, "getInvites", 1), "invites", "'chatId':12,'invites':[{'code':'Xy-1','chatId':12,"
                + "'createdBy':1,'approvalRequired':true,'createdAt':5}]");
        assertThat(invites).succeedsWithin(WAIT).satisfies(list -> assertThat(list).hasSize(1));

        CompletableFuture<Void> revoked = client.revokeInvite(12, "Xy-1");
        JsonNode revoke = frame(server, "revokeInvite", 1);
        assertThat(revoke.get("code").asText()).isEqualTo("Xy-1");
        answer(server, revoke, "ok", "");
        assertThat(revoked).succeedsWithin(WAIT);

        CompletableFuture<List<Views.JoinRequest>> requests = client.joinRequests(12);
        answer(server, frame(server, "getJoinRequests", 1), "joinRequests",
                "'chatId':12,'requests':[{'chatId':12,'userId':7,'requestedAt':9}]");
        assertThat(requests).succeedsWithin(WAIT).satisfies(list ->
                assertThat(list).extracting(Views.JoinRequest::userId).containsExactly(7L));

        CompletableFuture<Optional<ServerFrame.Changed>> approved = client.answerJoinRequest(12, 7, true);
        CompletableFuture<Optional<ServerFrame.Changed>> rejected = client.answerJoinRequest(12, 8, false);
        JsonNode approve = frame(server, "answerJoinRequest", 1);
        JsonNode reject = frame(server, "answerJoinRequest", 2);
        assertThat(approve.get("approve").asBoolean()).isTrue();
        assertThat(reject.get("approve").asBoolean()).isFalse();
        answer(server, approve, "changed", "'chatId':12,'seq':9");
        answer(server, reject, "ok", "");
        assertThat(approved).succeedsWithin(WAIT).satisfies(c -> assertThat(c).hasValueSatisfying(
                changed -> assertThat(changed.seq()).isEqualTo(9)));
        assertThat(rejected).succeedsWithin(WAIT).satisfies(c -> assertThat(c).isEmpty());
    }

    @Test
    void joiningTellsJoinedFromPending() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<JoinResult> joined = client.joinByInvite("open");
        CompletableFuture<JoinResult> pending = client.joinByInvite("approval");
        CompletableFuture<JoinResult> revoked = client.joinByInvite("revoked");
        answer(server, frame(server, "joinByInvite", 1), "chat", "'chat':" + GROUP_CHAT);
        answer(server, frame(server, "joinByInvite", 2), "joinPending", "'chatId':13");
        answer(server, frame(server, "joinByInvite", 3), "error", "'code':'not_found','message':'no valid invite'");
        assertThat(joined).succeedsWithin(WAIT).satisfies(r -> {
            assertThat(r.joined()).isTrue();
            assertThat(r.chatId()).isEqualTo(12);
            assertThat(((JoinResult.Joined) r).chat().group().name()).isEqualTo("Family");
        });
        assertThat(pending).succeedsWithin(WAIT).isEqualTo(new JoinResult.Pending(13));
        assertThat(revoked).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void messageInfoListsMembersWithTheirTimes() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<ServerFrame.MessageInfo> info = client.messageInfo(12, 4);
        JsonNode get = frame(server, "getMessageInfo", 1);
        assertThat(get.get("seq").asLong()).isEqualTo(4);
        answer(server, get, "messageInfo", "'chatId':12,'seq':4,'members':[{'userId':2,'deliveredAt':10,'readAt':20},"
                + "{'userId':3,'deliveredAt':11}]");
        assertThat(info).succeedsWithin(WAIT).satisfies(i -> assertThat(i.members()).containsExactly(
                new Views.ReceiptInfo(2, 10L, 20L), new Views.ReceiptInfo(3, 11L, null)));
    }

    @Test
    void invalidGroupArgumentsAreRejectedAtOnce() {
        ParleyClient client = fx.client();
        assertThatThrownBy(() -> client.addMembers(12, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'userIds' must not be empty");
        assertThatThrownBy(() -> client.addMembers(12, Arrays.asList(2L, null)))
                .hasMessageContaining("must hold positive user ids, got null");
        assertThatThrownBy(() -> client.createGroup("G", null)).hasMessageContaining("field 'members' must be an array");
        assertThatThrownBy(() -> client.setRole(12, 2, "owner")).hasMessageContaining("must be \"admin\" or \"member\"");
        assertThatThrownBy(() -> client.joinByInvite(" ")).hasMessageContaining("field 'code' must be a non-empty string");
    }

    @Test
    void aTransmittedGroupChangeFailsWithOutcomeUnknownOnADropWhileIdempotentRequestsAreSentAgain() {
        ParleyClient client = fx.client();
        var first = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Changed> add = client.addMembers(12, List.of(4L));
        CompletableFuture<List<Views.Invite>> invites = client.invites(12);
        CompletableFuture<JoinResult> join = client.joinByInvite("Xy-1");
        first.awaitFrames("addMembers", 1);
        first.awaitFrames("joinByInvite", 1);
        String invitesId = first.awaitFrames("getInvites", 1).getFirst().get("id").asText();
        first.serverClose(1001, "server restarting");

        assertThat(add).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ParleyOutcomeUnknownException.class, e -> {
                    assertThat(e.requestType()).isEqualTo("addMembers");
                    assertThat(e.closeCode()).isEqualTo(1001);
                    assertThat(e.getMessage()).contains("server restarting", "may or may not have been applied");
                });
        var second = fx.transport.connection(1).ready(0);
        assertThat(second.awaitFrames("getInvites", 1).getFirst().get("id").asText()).isEqualTo(invitesId);
        second.push("{'type':'invites','id':'" + invitesId + "','chatId':12,'invites':[]}");
        assertThat(invites).succeedsWithin(WAIT);
        answer(second, second.awaitFrames("joinByInvite", 1).getFirst(), "joinPending", "'chatId':12");
        assertThat(join).succeedsWithin(WAIT).isEqualTo(new JoinResult.Pending(12));
        assertThat(second.frames("addMembers")).isEmpty();
    }

    @Test
    void aGroupChangeMadeWhileDisconnectedGoesOutOnceReady() {
        ParleyClient client = fx.client();
        CompletableFuture<ServerFrame.Changed> leave = client.leaveGroup(12);
        var server = fx.connected(client, 0);
        JsonNode request = frame(server, "leaveGroup", 1);
        answer(server, request, "changed", "'chatId':12,'seq':3");
        assertThat(leave).succeedsWithin(WAIT).extracting(ServerFrame.Changed::seq).isEqualTo(3L);
    }

    @Test
    void closingWithATransmittedGroupChangeLeavesItsOutcomeUnknown() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        CompletableFuture<ServerFrame.Changed> edit = client.editGroup(12, "New name", null, null);
        server.awaitFrames("editGroup", 1);
        client.close();
        assertThat(edit).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(ParleyOutcomeUnknownException.class);
    }

    @Test
    void groupEventsReachTheListener() {
        ParleyClient client = fx.client();
        var server = fx.connected(client, 0);
        server.push("{'type':'update','cursor':1,'event':{'kind':'chat','chatId':12,'chatKind':'group','members':[1,2]}}");
        server.push("{'type':'update','cursor':2,'event':{'kind':'message','message':{'chatId':12,'seq':1,'id':'m1',"
                + "'senderId':2,'senderDeviceId':3,'kind':'system','ts':0,'system':{'action':'created','actorId':2,"
                + "'userIds':[1],'name':'Family','onlyAdminsSend':false,'onlyAdminsEdit':false}}}}");
        server.push("{'type':'update','cursor':3,'event':{'kind':'groupReceipt','chatId':12,'deliveredSeq':5,'readSeq':4}}");
        server.push("{'type':'update','cursor':4,'event':{'kind':'joinRequest','chatId':12,'userId':7}}");
        await().until(() -> client.cursor() == 4);
        assertThat(fx.listener.events).filteredOn(e -> !e.startsWith("state"))
                .containsExactly("chat 12", "message 2 null", "groupReceipt 12 5 4", "joinRequest 12 7");
        Views.Message created = fx.listener.messages.getFirst();
        assertThat(created.kind()).isEqualTo("system");
        assertThat(created.system().action()).isEqualTo("created");
        assertThat(created.system().userIds()).containsExactly(1L);
        assertThat(created.system().name()).isEqualTo("Family");
    }
}

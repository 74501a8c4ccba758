package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.JoinResult;
import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groups driven through the Java SDK and the command-line client against a real server. */
class GroupSdkAndCliTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    /** What one SDK client's listener saw. */
    static final class Seen implements Listener {
        final List<Views.Message> messages = new CopyOnWriteArrayList<>();
        final List<Views.GroupReceiptEvent> groupReceipts = new CopyOnWriteArrayList<>();
        final List<Views.JoinRequestEvent> joinRequests = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(Views.Message message, long cursor) {
            messages.add(message);
        }

        @Override
        public void onGroupReceipt(Views.GroupReceiptEvent receipt) {
            groupReceipts.add(receipt);
        }

        @Override
        public void onJoinRequest(Views.JoinRequestEvent request) {
            joinRequests.add(request);
        }
    }

    private ParleyClient client(TestApi.Account a, Seen seen) {
        ParleyClient c = ParleyClient.builder(URI.create(server.http().toString()), a.token()).listener(seen).build();
        c.connect().join();
        return c;
    }

    @Test
    void sdkGroupLifecycleWithReceiptsAndInvites() throws Exception {
        TestApi api = new TestApi(server.http());
        TestApi.Account ann = api.newUser("ann");
        TestApi.Account ben = api.newUser("ben");
        TestApi.Account cy = api.newUser("cy");
        Seen annSeen = new Seen();
        Seen benSeen = new Seen();
        Seen cySeen = new Seen();
        try (ParleyClient a = client(ann, annSeen); ParleyClient b = client(ben, benSeen); ParleyClient c = client(cy, cySeen)) {
            long chat = a.createGroup("Climbing", List.of(ben.userId())).get(10, TimeUnit.SECONDS).id();
            long seq = a.send(chat, "who is in on saturday?").get(10, TimeUnit.SECONDS).seq();
            await().until(() -> benSeen.messages.stream().anyMatch(m -> m.seq() == seq));
            b.markRead(chat, seq).get(10, TimeUnit.SECONDS);
            await().until(() -> annSeen.groupReceipts.stream().anyMatch(r -> r.chatId() == chat && r.readSeq() >= seq));
            ServerFrame.MessageInfo info = a.messageInfo(chat, seq).get(10, TimeUnit.SECONDS);
            assertThat(info.members()).singleElement().satisfies(i -> {
                assertThat(i.userId()).isEqualTo(ben.userId());
                assertThat(i.readAt()).isNotNull();
            });

            Views.Invite invite = a.createInvite(chat, true).get(10, TimeUnit.SECONDS);
            JoinResult pending = c.joinByInvite(invite.code()).get(10, TimeUnit.SECONDS);
            assertThat(pending.joined()).isFalse();
            await().until(() -> annSeen.joinRequests.stream().anyMatch(r -> r.userId() == cy.userId()));
            assertThat(a.answerJoinRequest(chat, cy.userId(), true).get(10, TimeUnit.SECONDS)).isPresent();
            await().until(() -> cySeen.messages.stream().anyMatch(m -> m.system() != null && m.system().action().equals("joined")));
            a.removeMember(chat, ben.userId()).get(10, TimeUnit.SECONDS);
            await().until(() -> benSeen.messages.stream().anyMatch(m -> m.system() != null && m.system().action().equals("removed")));
            a.send(chat, "ben is out").get(10, TimeUnit.SECONDS);
            await().until(() -> cySeen.messages.stream().anyMatch(m -> "ben is out".equals(m.text())));
            b.ping().get(10, TimeUnit.SECONDS);
            assertThat(benSeen.messages).noneMatch(m -> "ben is out".equals(m.text()));
            assertThat(b.chats().get(10, TimeUnit.SECONDS)).singleElement().satisfies(ch -> assertThat(ch.active()).isFalse());
        }
    }

    @Test
    void cliCreatesAndManagesAGroup() throws Exception {
        CliEndToEndTest.Terminal ann = new CliEndToEndTest.Terminal(Files.createTempDirectory("ann"));
        String url = server.http().toString();
        TestApi api = new TestApi(server.http());
        TestApi.Account bob = api.newUser("bobcli");
        assertThat(ann.run("register", "--server", url, "--username", "anncli", "--display-name", "Ann",
                "--password", "correct horse battery")).isZero();
        assertThat(ann.run("login", "--server", url, "--login", "anncli", "--password", "correct horse battery")).isZero();
        assertThat(ann.run("group", "create", "Choir", "--member", "@" + bob.username())).as(ann.err.toString()).isZero();
        assertThat(ann.run("chats")).as(ann.err.toString()).isZero();
        assertThat(ann.output()).contains("Choir");
        long chat;
        try (WsPeer bobsPhone = new WsPeer(server.ws(), bob)) {
            chat = bobsPhone.request("{\"type\":\"getChats\"}", ServerFrame.Chats.class).chats().stream()
                    .filter(c -> c.group() != null && c.group().name().equals("Choir")).findFirst().orElseThrow().id();
        }
        assertThat(ann.run("send", Long.toString(chat), "rehearsal at 7")).as(ann.err.toString()).isZero();
        assertThat(ann.run("group", "role", Long.toString(chat), "@" + bob.username(), "admin")).as(ann.err.toString()).isZero();
        assertThat(ann.run("history", Long.toString(chat))).as(ann.err.toString()).isZero();
        assertThat(ann.output()).contains("rehearsal at 7").contains("admin");
    }
}

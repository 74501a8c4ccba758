package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** Presence, typing, contacts and blocking through the Java SDK and the CLI against a real server. */
class PresenceSdkAndCliTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static final class Seen implements Listener {
        final List<Views.Presence> presence = new CopyOnWriteArrayList<>();
        final List<ServerFrame.TypingFrame> typing = new CopyOnWriteArrayList<>();

        @Override
        public void onPresence(Views.Presence p) {
            presence.add(p);
        }

        @Override
        public void onTyping(ServerFrame.TypingFrame t) {
            typing.add(t);
        }
    }

    private ParleyClient client(TestApi.Account a, Seen seen) {
        ParleyClient c = ParleyClient.builder(URI.create(server.http().toString()), a.token()).listener(seen).build();
        c.connect().join();
        return c;
    }

    @Test
    void sdkSeesPresenceAndTypingAndManagesContactsAndBlocks() throws Exception {
        TestApi api = new TestApi(server.http());
        TestApi.Account ann = api.newUser("ann");
        TestApi.Account ben = api.newUser("ben");
        Seen annSeen = new Seen();
        Seen benSeen = new Seen();
        try (ParleyClient a = client(ann, annSeen); ParleyClient b = client(ben, benSeen)) {
            long chat = a.openDirect(ben.userId()).get(10, TimeUnit.SECONDS).id();
            assertThat(a.watchPresence(List.of(ben.userId())).get(10, TimeUnit.SECONDS))
                    .singleElement().satisfies(p -> assertThat(p.online()).isTrue());
            b.typing(chat, "typing");
            await().until(() -> annSeen.typing.stream().anyMatch(t -> t.chatId() == chat && t.userId() == ben.userId()));

            a.addContact(ben.userId(), "Benny").get(10, TimeUnit.SECONDS);
            assertThat(a.contacts().get(10, TimeUnit.SECONDS)).extracting(Views.Contact::name).containsExactly("Benny");
            a.block(ben.userId()).get(10, TimeUnit.SECONDS);
            assertThat(a.blocked().get(10, TimeUnit.SECONDS)).extracting(Views.User::id).containsExactly(ben.userId());
            assertThat(b.send(chat, "are you there?")).failsWithin(10, TimeUnit.SECONDS);
            assertThat(b.watchPresence(List.of(ann.userId())).get(10, TimeUnit.SECONDS))
                    .singleElement().satisfies(p -> assertThat(p.online()).isNull());
            a.unblock(ben.userId()).get(10, TimeUnit.SECONDS);
            assertThat(b.send(chat, "now?").get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
        }
    }

    @Test
    void cliContactsPrivacyAndPresence() throws Exception {
        CliEndToEndTest.Terminal term = new CliEndToEndTest.Terminal(Files.createTempDirectory("cli-presence"));
        String url = server.http().toString();
        TestApi.Account friend = new TestApi(server.http()).newUser("friend");
        assertThat(term.run("register", "--server", url, "--username", "carla", "--display-name", "Carla", "--password", "correct horse battery")).isZero();
        assertThat(term.run("login", "--server", url, "--login", "carla", "--password", "correct horse battery")).isZero();
        assertThat(term.run("contact", "add", "@" + friend.username(), "--name", "Old friend")).as(term.err.toString()).isZero();
        assertThat(term.run("contacts")).as(term.err.toString()).isZero();
        assertThat(term.output()).contains("Old friend");
        assertThat(term.run("privacy", "--last-seen", "contacts")).as(term.err.toString()).isZero();
        assertThat(term.run("presence", "@" + friend.username())).as(term.err.toString()).isZero();
        assertThat(term.run("block", "@" + friend.username())).as(term.err.toString()).isZero();
        assertThat(term.run("blocked")).as(term.err.toString()).isZero();
        assertThat(term.output()).contains(friend.username());
    }
}

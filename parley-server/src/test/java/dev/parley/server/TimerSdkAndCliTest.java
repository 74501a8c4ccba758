package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Views;
import dev.parley.testkit.time.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Disappearing messages through the Java SDK ({@code setTimer}, {@code onExpired}) and the CLI ({@code timer}). */
class TimerSdkAndCliTest {
    static final MutableClock clock = new MutableClock(Instant.now());

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(clock);

    static final class Seen implements Listener {
        final List<Views.Message> messages = new CopyOnWriteArrayList<>();
        final List<Views.ExpiredEvent> expired = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(Views.Message message, long cursor) {
            messages.add(message);
        }

        @Override
        public void onExpired(Views.ExpiredEvent event) {
            expired.add(event);
        }
    }

    private ParleyClient client(TestApi.Account a, Seen seen) {
        ParleyClient c = ParleyClient.builder(URI.create(server.http().toString()), a.token()).listener(seen).build();
        c.connect().join();
        return c;
    }

    @Test
    void theSdkSetsATimerAndHearsMessagesDisappear() throws Exception {
        TestApi api = new TestApi(server.http());
        TestApi.Account ann = api.newUser("tann");
        TestApi.Account ben = api.newUser("tben");
        Seen annSeen = new Seen();
        Seen benSeen = new Seen();
        try (ParleyClient a = client(ann, annSeen); ParleyClient b = client(ben, benSeen)) {
            long chat = a.openDirect(ben.userId()).get(10, TimeUnit.SECONDS).id();
            a.setTimer(chat, 86_400).get(10, TimeUnit.SECONDS);
            await().until(() -> benSeen.messages.stream().anyMatch(m -> m.system() != null
                    && "timer_changed".equals(m.system().action()) && m.system().timerSeconds() == 86_400L));
            long seq = a.send(chat, "gone tomorrow").get(10, TimeUnit.SECONDS).seq();
            await().until(() -> benSeen.messages.stream().anyMatch(m -> m.seq() == seq));
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            server.server().purge();
            Views.ExpiredEvent expected = new Views.ExpiredEvent(chat, seq, seq, "timer");
            await().until(() -> benSeen.expired.contains(expected) && annSeen.expired.contains(expected));
        }
    }

    @Test
    void theCliSetsAndClearsTheTimer() throws Exception {
        CliEndToEndTest.Terminal cli = new CliEndToEndTest.Terminal(Files.createTempDirectory("timer"));
        String url = server.http().toString();
        TestApi api = new TestApi(server.http());
        TestApi.Account peer = api.newUser("tpeer");
        assertThat(cli.run("register", "--server", url, "--username", "timercli", "--display-name", "T",
                "--password", "correct horse battery")).isZero();
        assertThat(cli.run("login", "--server", url, "--login", "timercli", "--password", "correct horse battery"))
                .isZero();
        assertThat(cli.run("timer", "@" + peer.username(), "7d")).as(cli.err.toString()).isZero();
        assertThat(cli.output()).contains("disappearing messages after 7d");
        assertThat(cli.run("timer", "@" + peer.username(), "1h")).isNotZero();
        assertThat(cli.err.toString()).contains("off, 24h, 7d, 90d");
        assertThat(cli.run("timer", "@" + peer.username(), "off")).as(cli.err.toString()).isZero();
        assertThat(cli.run("history", "@" + peer.username())).as(cli.err.toString()).isZero();
        assertThat(cli.output()).contains("turned on disappearing messages: 7 days")
                .contains("turned off disappearing messages");
    }
}

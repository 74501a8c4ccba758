package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.cli.CliEnvironment;
import dev.parley.client.cli.ParleyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command-line client against a real server: register, log in, open, send, list, page, follow live. */
class CliEndToEndTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    /** One terminal: its own profile directory and captured output; Ctrl-C is {@link #interrupt()}. */
    static final class Terminal {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final List<Runnable> onExit = new CopyOnWriteArrayList<>();
        final CliEnvironment env;

        Terminal(Path profile) {
            env = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(),
                    ZoneOffset.UTC, profile, onExit::add);
        }

        int run(String... args) {
            return ParleyCli.commandLine(env).execute(args);
        }

        String output() {
            return out.toString();
        }

        void interrupt() {
            onExit.forEach(Runnable::run);
        }
    }

    @Test
    void twoPeopleChatFromTheTerminal() throws Exception {
        Terminal alice = new Terminal(Files.createTempDirectory("alice"));
        Terminal bob = new Terminal(Files.createTempDirectory("bob"));
        String url = server.http().toString();

        assertThat(alice.run("register", "--server", url, "--username", "alice_cli", "--display-name", "Alice",
                "--password", "correct horse battery")).as(alice.err.toString()).isZero();
        assertThat(bob.run("register", "--server", url, "--username", "bob_cli", "--display-name", "Bob",
                "--password", "correct horse battery")).as(bob.err.toString()).isZero();
        assertThat(alice.run("login", "--server", url, "--login", "alice_cli", "--password", "correct horse battery",
                "--device-name", "alice-term")).as(alice.err.toString()).isZero();
        assertThat(bob.run("login", "--server", url, "--login", "bob_cli", "--password", "correct horse battery",
                "--device-name", "bob-term")).as(bob.err.toString()).isZero();

        assertThat(alice.run("send", "@bob_cli", "hello", "from", "the", "terminal")).as(alice.err.toString()).isZero();
        assertThat(bob.run("chats")).as(bob.err.toString()).isZero();
        assertThat(bob.output()).contains("Alice").contains("hello from the terminal");

        CompletableFuture<Integer> follow = CompletableFuture.supplyAsync(() -> bob.run("follow", "@alice_cli"));
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.output().contains("hello from the terminal")
                && bob.onExit.size() > 0);
        assertThat(alice.run("send", "@bob_cli", "are you there?")).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.output().contains("are you there?"));
        bob.interrupt();
        assertThat(follow.get()).isZero();

        assertThat(alice.run("history", "1")).as(alice.err.toString()).isZero();
        assertThat(alice.output()).contains("hello from the terminal").contains("are you there?");
        assertThat(alice.run("devices")).isZero();
        assertThat(alice.output()).contains("alice-term");
    }
}

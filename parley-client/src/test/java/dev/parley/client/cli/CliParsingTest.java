package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliParsingTest {
    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    @Test
    void sendTakesAnAtUsernameAndJoinsTheWords() {
        SendCommand send = cli().command("send", "@bob", "hello", "there", "world");
        assertThat(send.target).isEqualTo(new ChatTarget(null, "bob"));
        assertThat(send.text()).isEqualTo("hello there world");
    }

    @Test
    void sendTakesAChatId() {
        SendCommand send = cli().command("send", "12", "hi");
        assertThat(send.target).isEqualTo(new ChatTarget(12L, null));
    }

    @Test
    void aBadChatTargetIsAUsageErrorNamingTheValue() {
        CliHarness cli = cli();
        assertThat(cli.run("send", "bob", "hi")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("expected a chat id (a positive number) or @username, got 'bob'");
    }

    @Test
    void sendNeedsText() {
        CliHarness cli = cli();
        assertThat(cli.run("send", "12")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("TEXT");
    }

    @Test
    void registerTakesUsernameOrPhoneButNotBoth() {
        RegisterCommand byName = cli().command("register", "--server", "http://h:1", "--username", "alice",
                "--display-name", "Alice", "--password", "pw");
        assertThat(byName.identity.username).isEqualTo("alice");
        assertThat(byName.server).isEqualTo(URI.create("http://h:1"));
        RegisterCommand byPhone = cli().command("register", "--server", "http://h:1", "--phone", "+14155550100",
                "--display-name", "Bob", "--password", "pw");
        assertThat(byPhone.identity.phone).isEqualTo("+14155550100");

        CliHarness cli = cli();
        assertThat(cli.run("register", "--server", "http://h:1", "--username", "a", "--phone", "+1",
                "--display-name", "A", "--password", "pw")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("mutually exclusive");
    }

    @Test
    void loginHasADefaultDeviceNameAndAcceptsAProfile() {
        LoginCommand login = cli().command("login", "--server", "http://h:1", "--login", "alice", "--password", "pw",
                "--profile", dir.resolve("p2").toString());
        assertThat(login.deviceName).isEqualTo("parley-cli");
        assertThat(login.profiles().dir()).isEqualTo(dir.resolve("p2"));
        assertThat(login.timeout().toSeconds()).isEqualTo(10);
    }

    @Test
    void theProfileDefaultsToTheEnvironments() {
        DevicesCommand devices = cli().command("devices");
        assertThat(devices.profiles().dir()).isEqualTo(dir);
    }

    @Test
    void theProfileMayComeBeforeOrAfterTheCommand() {
        DevicesCommand before = cli().command("--profile", dir.resolve("a").toString(), "devices");
        assertThat(before.profiles().dir()).isEqualTo(dir.resolve("a"));
        DevicesCommand both = cli().command("--profile", dir.resolve("a").toString(), "devices",
                "--profile", dir.resolve("b").toString());
        assertThat(both.profiles().dir()).isEqualTo(dir.resolve("b"));
    }

    @Test
    void historyAndFollowOptions() {
        HistoryCommand history = cli().command("history", "5", "--before", "10", "--limit", "7");
        assertThat(history.target.chatId()).isEqualTo(5);
        assertThat(history.before).isEqualTo(10);
        assertThat(history.limit).isEqualTo(7);
        FollowCommand follow = cli().command("follow", "@alice", "--last", "3", "--timeout", "4");
        assertThat(follow.target.username()).isEqualTo("alice");
        assertThat(follow.last).isEqualTo(3);
        assertThat(follow.timeout().toSeconds()).isEqualTo(4);
    }

    @Test
    void revokeNeedsANumericDeviceId() {
        RevokeCommand revoke = cli().command("revoke", "4");
        assertThat(revoke.deviceId).isEqualTo(4);
        CliHarness cli = cli();
        assertThat(cli.run("revoke", "four")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("'four'");
    }

    @Test
    void noSubcommandPrintsUsageAndFails() {
        CliHarness cli = cli();
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("Usage: parley", "register", "follow", "revoke");
    }

    @Test
    void helpSucceeds() {
        CliHarness cli = cli();
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out.toString()).contains("Usage: parley");
    }
}

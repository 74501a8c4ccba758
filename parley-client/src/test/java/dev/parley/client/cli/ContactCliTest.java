package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Me;
import dev.parley.client.StubHttpServer;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and output of {@code contacts}, {@code contact}, {@code block}, {@code lookup}, {@code presence}, {@code privacy}. */
class ContactCliTest {
    private static final Views.User BOB = new Views.User(2, "bob", null, "Bob");
    private static final Views.User CAROL = new Views.User(3, null, "+14155550100", "Carol");
    @TempDir
    Path dir;
    private final StubHttpServer server = new StubHttpServer();
    private final PresenceLines presence = new PresenceLines(Clock.fixed(CliHarness.NOW, ZoneOffset.UTC), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    private static List<String> print(Table table) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        return out.toString().lines().toList();
    }

    @Test
    void contactCommandsTakeAUserAndAName() {
        ContactCommands.Add add = cli().command("contact", "add", "@bob", "--name", "Bobby B");
        assertThat(add.user).isEqualTo(new UserTarget(null, "bob"));
        assertThat(add.name).isEqualTo("Bobby B");
        ContactCommands.Add plain = cli().command("contact", "add", "7");
        assertThat(plain.user).isEqualTo(new UserTarget(7L, null));
        assertThat(plain.name).isNull();
        ContactCommands.Remove remove = cli().command("contact", "remove", "@bob");
        assertThat(remove.user.username()).isEqualTo("bob");
        assertThat(cli().<ContactCommands.Block>command("block", "@carol").user.username()).isEqualTo("carol");
        assertThat(cli().<ContactCommands.Unblock>command("unblock", "3").user.userId()).isEqualTo(3L);
        assertThat(cli().<ContactCommands.Lookup>command("lookup", "+14155550100", "+4915112345678").phones)
                .containsExactly("+14155550100", "+4915112345678");
        assertThat(cli().<PresenceCommands.Presence>command("presence", "@bob", "3").users)
                .containsExactly(new UserTarget(null, "bob"), new UserTarget(3L, null));
    }

    @Test
    void badArgumentsAreRefusedBeforeConnecting() {
        CliHarness cli = cli();
        assertThat(cli.run("block", "bob")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("expected @username or a user id (a positive number), got 'bob'");
        assertThat(cli.run("contact", "add", "@bob", "--name", "x".repeat(65))).isEqualTo(1);
        assertThat(cli.err.toString()).contains("--name must have 1-64 characters, got 65");
        String[] many = IntStream.rangeClosed(1, 101).mapToObj(String::valueOf).toArray(String[]::new);
        String[] args = new String[many.length + 1];
        args[0] = "presence";
        System.arraycopy(many, 0, args, 1, many.length);
        assertThat(cli.run(args)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("at most 100 users at a time, got 101");
        assertThat(cli.run("contact")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("Usage: parley contact", "add", "remove");
        assertThat(cli.run("privacy", "--last-seen", "friends")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("everyone, contacts, nobody");
    }

    @Test
    void contactsAndLookupTables() {
        assertThat(print(ContactCommands.Contacts.table(List.of(new Views.Contact(BOB, "Bobby"),
                new Views.Contact(CAROL, "Carol"))))).containsExactly(
                "ID  NAME   USER",
                "2   Bobby  Bob (@bob)",
                "3   Carol  Carol (+14155550100)");
        List<String> asked = List.of("+14155550100", "+14155550199", "+14155550100");
        List<Views.PhoneMatch> matches = List.of(new Views.PhoneMatch("+14155550100", CAROL));
        assertThat(print(ContactCommands.Lookup.table(asked, matches))).containsExactly(
                "PHONE         ID  USER",
                "+14155550100  3   Carol (+14155550100)",
                "+14155550199  -   -");
        assertThat(ContactCommands.Lookup.summary(asked, matches)).isEqualTo("1 of 2 numbers are on Parley");
        assertThat(ContactCommands.Lookup.summary(List.of("+1"), List.of())).isEqualTo("0 of 1 number is on Parley");
    }

    @Test
    void presenceInWords() {
        long twoMinutesAgo = CliHarness.NOW.minusSeconds(120).toEpochMilli();
        long yesterday = CliHarness.NOW.minusSeconds(20 * 3600).toEpochMilli();
        long older = CliHarness.NOW.minusSeconds(3 * 86400).toEpochMilli();
        assertThat(presence.describe(new Views.Presence(2, true, null))).isEqualTo("online");
        assertThat(presence.describe(new Views.Presence(2, false, twoMinutesAgo))).isEqualTo("last seen today at 11:58");
        assertThat(presence.describe(new Views.Presence(2, false, yesterday))).isEqualTo("last seen yesterday at 16:00");
        assertThat(presence.describe(new Views.Presence(2, null, older))).isEqualTo("last seen 2025-02-26 12:00");
        assertThat(presence.describe(new Views.Presence(2, false, null))).isEqualTo("offline");
        assertThat(presence.describe(new Views.Presence(2, null, null))).isEqualTo("hidden");
        assertThat(presence.change("Bob", new Views.Presence(2, false, null))).isEqualTo("Bob is offline");
        assertThat(PresenceLines.typing("Bob", "recording")).isEqualTo("Bob is recording audio…");
        assertThat(PresenceLines.typing("Bob", "drawing")).isEqualTo("Bob is typing…");
        assertThat(print(PresenceCommands.Presence.table(List.of(BOB, CAROL),
                List.of(new Views.Presence(2, true, null)), presence))).containsExactly(
                "USER                  PRESENCE",
                "Bob (@bob)            online",
                "Carol (+14155550100)  unknown");
    }

    @Test
    void privacyShowsTheSettings() {
        new ProfileStore(dir).save(new Profile(server.uri(), "tok", 1, 3, "alice"));
        server.respond(200, "{'id':1,'username':'alice','displayName':'Alice','settings':{'readReceipts':true,"
                + "'lastSeen':'contacts','online':'everyone'}}");
        CliHarness cli = cli();
        assertThat(cli.run("privacy")).isZero();
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(cli.out.toString().lines()).containsExactly(
                "read receipts: on",
                "last seen:     contacts",
                "online:        everyone");
    }

    @Test
    void privacyChangesOnlyWhatIsGiven() {
        new ProfileStore(dir).save(new Profile(server.uri(), "tok", 1, 3, "alice"));
        server.respond(200, "{'id':1,'username':'alice','displayName':'Alice','settings':{'readReceipts':false,"
                + "'lastSeen':'nobody','online':'everyone'}}");
        CliHarness cli = cli();
        assertThat(cli.run("privacy", "--read-receipts", "false", "--last-seen", "nobody")).isZero();
        assertThat(server.last().method()).isEqualTo("PATCH");
        assertThat(server.last().body()).isEqualTo("{\"readReceipts\":false,\"lastSeen\":\"nobody\"}");
        assertThat(cli.out.toString()).contains("read receipts: off", "last seen:     nobody");
        assertThat(PresenceCommands.Privacy.describe(new Me.Settings(true, null, null)))
                .contains("online:        unknown (the server does not report it)");
    }
}

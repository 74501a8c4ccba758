package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.JoinResult;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System entries, the chat list with groups, invites, join requests and message info. */
class GroupFormattingTest {
    private static final long NOW = CliHarness.NOW.toEpochMilli();
    private static final Map<Long, String> PEOPLE = Map.of(2L, "Alice", 3L, "Bob", 4L, "Carol", 5L, "Dave", 6L, "Erin",
            7L, "Frank");
    private final UserNames names = new UserNames(1, id -> new Views.User(id, null, null, PEOPLE.get(id)));
    private final MessageLines lines = new MessageLines(Clock.fixed(CliHarness.NOW, ZoneOffset.UTC), ZoneOffset.UTC, names);
    private final SystemLines system = new SystemLines(names);

    private static Views.SystemEvent event(String action, long actor, List<Long> users) {
        return new Views.SystemEvent(action, actor, users, null, null, null, null, null, null);
    }

    private static Views.Message systemMessage(long seq, Views.SystemEvent event) {
        return new Views.Message(12, seq, "m" + seq, event.actorId(), 1, null, "system", null, null, NOW, event);
    }

    private static Views.Group group(String name) {
        return new Views.Group(name, null, null, false, false, 2, 1024);
    }

    private static Views.Member member(long userId, String role) {
        return new Views.Member(userId, role, 0, null);
    }

    private static List<String> print(Table table) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        return out.toString().lines().toList();
    }

    @Test
    void membershipEntriesReadAsSentences() {
        assertThat(system.describe(new Views.SystemEvent("created", 2, List.of(1L, 3L), null, "Family", null, null,
                false, false))).isEqualTo("Alice created the group \"Family\" with you and Bob");
        assertThat(system.describe(event("added", 2, List.of(3L)))).isEqualTo("Alice added Bob");
        assertThat(system.describe(event("added", 1, List.of(3L, 4L, 5L)))).isEqualTo("You added Bob, Carol and Dave");
        assertThat(system.describe(event("added", 2, List.of(3L, 4L, 5L, 6L, 7L, 1L))))
                .isEqualTo("Alice added Bob, Carol, Dave, Erin and 2 others");
        assertThat(system.describe(event("removed", 2, List.of(1L)))).isEqualTo("Alice removed you");
        assertThat(system.describe(event("left", 4, List.of()))).isEqualTo("Carol left");
        assertThat(system.describe(event("left", 1, List.of()))).isEqualTo("You left");
        assertThat(system.describe(new Views.SystemEvent("left", 2, List.of(3L), "owner", null, null, null, null, null)))
                .isEqualTo("Alice left; Bob is now the owner");
        assertThat(system.describe(new Views.SystemEvent("left", 2, List.of(1L), "owner", null, null, null, null, null)))
                .isEqualTo("Alice left; you are now the owner");
        assertThat(system.describe(event("joined", 5, List.of()))).isEqualTo("Dave joined using an invite link");
        assertThat(system.describe(event("joined", 5, List.of(2L))))
                .isEqualTo("Dave joined using an invite link, approved by Alice");
    }

    @Test
    void rolesOwnershipInfoAndSettingsEntries() {
        assertThat(system.describe(new Views.SystemEvent("role_changed", 2, List.of(3L), "admin", null, null, null,
                null, null))).isEqualTo("Alice made Bob admin");
        assertThat(system.describe(new Views.SystemEvent("role_changed", 2, List.of(3L), "member", null, null, null,
                null, null))).isEqualTo("Alice dismissed Bob as admin");
        assertThat(system.describe(event("owner_changed", 2, List.of(3L)))).isEqualTo("Bob is now the owner");
        assertThat(system.describe(event("owner_changed", 2, List.of(1L)))).isEqualTo("You are now the owner");
        assertThat(system.describe(new Views.SystemEvent("info_changed", 3, List.of(), null, "Family 2", "Our trip",
                "https://x/a.png", null, null)))
                .isEqualTo("Bob changed the group info: name \"Family 2\", description \"Our trip\", avatar set");
        assertThat(system.describe(new Views.SystemEvent("info_changed", 3, List.of(), null, "Family 2", "", null,
                null, null))).isEqualTo("Bob changed the group info: name \"Family 2\"");
        assertThat(system.describe(new Views.SystemEvent("settings_changed", 2, List.of(), null, null, null, null,
                true, false))).isEqualTo("Alice changed the settings: only admins can send, everyone can edit the group info");
        assertThat(system.describe(event("pinned", 2, List.of()))).isEqualTo("Alice: pinned");
    }

    @Test
    void historyLinesShowSystemEntriesWithAStar() {
        assertThat(lines.format(systemMessage(3, event("added", 2, List.of(3L))))).isEqualTo("[12:00:00] * Alice added Bob");
        assertThat(lines.summary(systemMessage(4, event("left", 4, List.of())))).isEqualTo("* Carol left");
        Views.Message text = new Views.Message(12, 5, "m5", 3, 1, "c5", "text", "hi all", null, NOW, null);
        assertThat(lines.format(text)).isEqualTo("[12:00:00] Bob: hi all");
        Views.Message future = new Views.Message(12, 6, "m6", 3, 1, "c6", "image", null, null, NOW, null);
        assertThat(lines.summary(future)).isEqualTo("Bob: (image message)");
    }

    @Test
    void theChatListShowsGroupsWithTheirMemberCount() {
        Views.Message last = systemMessage(3, event("added", 2, List.of(3L)));
        Views.Chat family = new Views.Chat(12, "group", 3, null, List.of(member(1, "owner"), member(2, "admin"),
                member(3, "member")), last, 3, 0, NOW, group("Family"), true);
        Views.Chat old = new Views.Chat(13, "group", 9, null, List.of(member(1, "member")),
                systemMessage(9, event("removed", 2, List.of(1L))), 8, 1, NOW, group("Old team"), false);
        Views.Chat direct = new Views.Chat(1, "direct", 1, new Views.User(3, "bob", null, "Bob"),
                List.of(member(1, "member"), member(3, "member")),
                new Views.Message(1, 1, "m1", 3, 1, "c1", "text", "hello", null, NOW, null), 0, 1, NOW, null, true);
        Table table = new Table(ChatsCommand.HEADERS);
        List.of(family, old, direct).forEach(chat -> table.row(ChatsCommand.row(chat, lines)));
        assertThat(print(table)).containsExactly(
                "CHAT  NAME             MEMBERS  UNREAD  LAST MESSAGE",
                "12    Family           3        0       * Alice added Bob",
                "13    Old team (left)  -        1       * Alice removed you",
                "1     Bob (@bob)       2        1       Bob: hello");
    }

    @Test
    void invitesRequestsAndMessageInfoTables() {
        assertThat(print(InviteCommands.invites(List.of(new Views.Invite("Xy-1", 12, 2, true, NOW),
                new Views.Invite("Zz-9", 12, 1, false, NOW)), lines, names))).containsExactly(
                "CODE  CREATED BY  APPROVAL  CREATED",
                "Xy-1  Alice       required  12:00:00",
                "Zz-9  me          no        12:00:00");
        assertThat(print(InviteCommands.requests(List.of(new Views.JoinRequest(12, 5, NOW - 60_000)), lines, names)))
                .containsExactly("USER  ID  REQUESTED", "Dave  5   11:59:00");
        ServerFrame.MessageInfo info = new ServerFrame.MessageInfo("r1", 12, 4, List.of(
                new Views.ReceiptInfo(2, NOW - 5000, NOW - 1000), new Views.ReceiptInfo(3, NOW - 4000, null),
                new Views.ReceiptInfo(4, null, null)));
        assertThat(InfoCommand.summary(info)).isEqualTo("#4 of chat 12: delivered to 2 of 3, read by 1 of 3");
        assertThat(print(InfoCommand.table(info, lines, names))).containsExactly(
                "MEMBER  DELIVERED  READ",
                "Alice   11:59:55   11:59:59",
                "Bob     11:59:56   -",
                "Carol   -          -");
    }

    @Test
    void joinResults() {
        Views.Chat chat = new Views.Chat(12, "group", 4, null, List.of(), null, 4, 0, NOW, group("Family"), true);
        assertThat(JoinCommand.describe(new JoinResult.Joined(chat))).isEqualTo("joined group 12 \"Family\"");
        assertThat(JoinCommand.describe(new JoinResult.Pending(13)))
                .isEqualTo("asked to join group 13; an admin must approve the request");
    }
}

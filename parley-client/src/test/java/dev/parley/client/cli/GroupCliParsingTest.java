package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of {@code group …}, {@code join} and {@code info}. */
class GroupCliParsingTest {
    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    private static UserTarget user(String name) {
        return new UserTarget(null, name);
    }

    @Test
    void createTakesANameMembersAndOptions() {
        GroupCommands.Create create = cli().command("group", "create", "Family trip", "--member", "@bob", "@carol",
                "--member", "7,@dave", "--description", "Summer 2025", "--only-admins-send");
        assertThat(create.name).isEqualTo("Family trip");
        assertThat(create.members).containsExactly(user("bob"), user("carol"), new UserTarget(7L, null), user("dave"));
        assertThat(create.description).isEqualTo("Summer 2025");
        assertThat(create.onlyAdminsSend).isTrue();
        assertThat(create.onlyAdminsEdit).isFalse();
        assertThat(create.avatar).isNull();

        GroupCommands.Create alone = cli().command("group", "create", "Me");
        assertThat(alone.members).isEmpty();
    }

    @Test
    void membershipCommandsTakeAChatIdAndUsers() {
        GroupCommands.Add add = cli().command("group", "add", "12", "@bob", "5");
        assertThat(add.chatId).isEqualTo(12);
        assertThat(add.users).containsExactly(user("bob"), new UserTarget(5L, null));
        GroupCommands.Remove remove = cli().command("group", "remove", "12", "@bob");
        assertThat(remove.user).isEqualTo(user("bob"));
        GroupCommands.Leave leave = cli().command("group", "leave", "12", "--timeout", "3");
        assertThat(leave.chatId).isEqualTo(12);
        assertThat(leave.timeout().toSeconds()).isEqualTo(3);
        GroupCommands.SetRole role = cli().command("group", "role", "12", "@bob", "admin");
        assertThat(role.role).isEqualTo(GroupCommands.Role.admin);
        GroupCommands.Owner owner = cli().command("group", "owner", "12", "@carol");
        assertThat(owner.user).isEqualTo(user("carol"));
    }

    @Test
    void badChatIdsUsersAndRolesAreUsageErrors() {
        CliHarness cli = cli();
        assertThat(cli.run("group", "add", "@bob", "@carol")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("expected a chat id (a positive number), got '@bob'");
        assertThat(cli.run("group", "remove", "12", "bob")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("expected @username or a user id (a positive number), got 'bob'");
        assertThat(cli.run("group", "role", "12", "@bob", "owner")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("admin", "member", "'owner'");
        assertThat(cli.run("group", "add", "12")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("USER");
    }

    @Test
    void editAndSettingsNeedSomethingToChange() {
        GroupCommands.Edit edit = cli().command("group", "edit", "12", "--name", "New", "--description", "");
        assertThat(edit.name).isEqualTo("New");
        assertThat(edit.description).isEmpty();
        assertThat(edit.avatar).isNull();
        GroupCommands.Settings settings = cli().command("group", "settings", "12", "--only-admins-send", "true",
                "--only-admins-edit", "false");
        assertThat(settings.onlyAdminsSend).isTrue();
        assertThat(settings.onlyAdminsEdit).isFalse();
        GroupCommands.Settings one = cli().command("group", "settings", "12", "--only-admins-edit", "true");
        assertThat(one.onlyAdminsSend).isNull();

        CliHarness cli = cli();
        assertThat(cli.run("group", "edit", "12")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("nothing to change: give --name, --description or --avatar");
        assertThat(cli.run("group", "settings", "12")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("nothing to change: give --only-admins-send or --only-admins-edit");
        assertThat(cli.run("group", "settings", "12", "--only-admins-send", "maybe")).isEqualTo(2);
    }

    @Test
    void invitesAndJoinRequests() {
        InviteCommands.Invite invite = cli().command("group", "invite", "12", "--approval");
        assertThat(invite.approval).isTrue();
        assertThat(cli().<InviteCommands.Invite>command("group", "invite", "12").approval).isFalse();
        assertThat(cli().<InviteCommands.Invites>command("group", "invites", "12").chatId).isEqualTo(12);
        InviteCommands.RevokeInvite revoke = cli().command("group", "revoke-invite", "12", "Xy-1");
        assertThat(revoke.code).isEqualTo("Xy-1");
        assertThat(cli().<InviteCommands.Requests>command("group", "requests", "12").chatId).isEqualTo(12);
        InviteCommands.Answer approve = cli().command("group", "approve", "12", "@dave");
        assertThat(approve.approve()).isTrue();
        assertThat(approve.user).isEqualTo(user("dave"));
        InviteCommands.Answer reject = cli().command("group", "reject", "12", "8");
        assertThat(reject.approve()).isFalse();
        JoinCommand join = cli().command("join", "Xy-1");
        assertThat(join.code).isEqualTo("Xy-1");
    }

    @Test
    void infoTakesAChatAndASeq() {
        InfoCommand info = cli().command("info", "12", "4");
        assertThat(info.chatId).isEqualTo(12);
        assertThat(info.seq).isEqualTo(4);
        CliHarness cli = cli();
        assertThat(cli.run("info", "12")).isEqualTo(2);
        assertThat(cli.run("info", "12", "0")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("SEQ must be a positive number, got 0");
    }

    @Test
    void groupWithoutASubcommandPrintsItsUsage() {
        CliHarness cli = cli();
        assertThat(cli.run("group")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("Usage: parley group", "create", "revoke-invite", "approve");
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out.toString()).contains("group", "join", "info");
    }

    @Test
    void groupCommandsNeedALoginAndAcceptAProfile() {
        GroupCommands.Leave leave = cli().command("group", "leave", "12", "--profile", dir.resolve("p").toString());
        assertThat(leave.profiles().dir()).isEqualTo(dir.resolve("p"));
        GroupCommands.Leave before = cli().command("--profile", dir.resolve("q").toString(), "group", "leave", "12");
        assertThat(before.profiles().dir()).isEqualTo(dir.resolve("q"));
        CliHarness cli = cli();
        assertThat(cli.run("group", "leave", "12")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("not logged in");
    }
}

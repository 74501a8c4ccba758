package dev.parley.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parley group …}: creating groups, membership, roles, info, settings, invite links and join requests. */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Create and manage group chats (CHAT is the group's chat id; USER is @username or a user id).",
        subcommands = {GroupCommands.Create.class, GroupCommands.Add.class, GroupCommands.Remove.class,
                GroupCommands.Leave.class, GroupCommands.SetRole.class, GroupCommands.Owner.class,
                GroupCommands.Edit.class, GroupCommands.Settings.class, InviteCommands.Invite.class,
                InviteCommands.Invites.class, InviteCommands.RevokeInvite.class, InviteCommands.Requests.class,
                InviteCommands.Approve.class, InviteCommands.Reject.class})
final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage to stderr; exit code 2. */
    @Override
    public Integer call() {
        CliEnvironment env = ((ParleyCli) spec.root().userObject()).env();
        spec.commandLine().usage(env.err());
        env.err().flush();
        return 2;
    }
}

package dev.parley.client.cli;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley group invite|invites|revoke-invite|requests|approve|reject}: a group's invite links and the
 * requests to join through them (admins). Joining itself is {@code parley join CODE}.
 */
final class InviteCommands {
    private InviteCommands() {
    }

    /** The invite table: code, who created it, whether joins need approval, when. */
    static Table invites(List<Views.Invite> invites, MessageLines lines, UserNames names) {
        Table table = new Table("CODE", "CREATED BY", "APPROVAL", "CREATED");
        for (Views.Invite invite : invites) {
            table.row(invite.code(), names.of(invite.createdBy()), invite.approvalRequired() ? "required" : "no",
                    lines.time(invite.createdAt()));
        }
        return table;
    }

    /** The join request table: who asked and when. */
    static Table requests(List<Views.JoinRequest> requests, MessageLines lines, UserNames names) {
        Table table = new Table("USER", "ID", "REQUESTED");
        for (Views.JoinRequest request : requests) {
            table.row(names.of(request.userId()), request.userId(), lines.time(request.requestedAt()));
        }
        return table;
    }

    @Command(name = "invite", description = "Create an invite link to a group (admins); prints its code.")
    static final class Invite extends GroupCommands.OnGroup {
        @Option(names = "--approval", description = "Joins through this link wait for an admin's approval.")
        boolean approval;

        @Override
        void run(Connected c) {
            Views.Invite invite = await(c.client().createInvite(chatId, approval), "creating an invite to group " + chatId);
            say("invite code: " + invite.code() + (invite.approvalRequired() ? " (joins need an admin's approval)" : ""));
            say("join with: parley join " + invite.code());
        }
    }

    @Command(name = "invites", description = "List a group's valid invite links (admins).")
    static final class Invites extends GroupCommands.OnGroup {
        @Override
        void run(Connected c) {
            List<Views.Invite> invites = await(c.client().invites(chatId), "listing the invites of group " + chatId);
            if (invites.isEmpty()) {
                say("no valid invites for group " + chatId);
            } else {
                invites(invites, lines(c), c.names()).print(out());
            }
        }
    }

    @Command(name = "revoke-invite", description = "Revoke an invite link of a group (admins).")
    static final class RevokeInvite extends GroupCommands.OnGroup {
        @Parameters(index = "1", paramLabel = "CODE", description = "The invite code.")
        String code;

        @Override
        void run(Connected c) {
            await(c.client().revokeInvite(chatId, code), "revoking invite " + code);
            say("revoked invite " + code + " of group " + chatId);
        }
    }

    @Command(name = "requests", description = "List the requests to join a group waiting for approval (admins).")
    static final class Requests extends GroupCommands.OnGroup {
        @Override
        void run(Connected c) {
            List<Views.JoinRequest> requests = await(c.client().joinRequests(chatId),
                    "listing the join requests of group " + chatId);
            if (requests.isEmpty()) {
                say("no join requests waiting for group " + chatId);
            } else {
                requests(requests, lines(c), c.names()).print(out());
            }
        }
    }

    /** approve / reject: answers one join request. */
    abstract static class Answer extends GroupCommands.OnGroup {
        @Parameters(index = "1", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of the user who asked to join.")
        UserTarget user;

        abstract boolean approve();

        @Override
        void run(Connected c) {
            long id = userId(user, c);
            Optional<ServerFrame.Changed> joined = await(c.client().answerJoinRequest(chatId, id, approve()),
                    (approve() ? "approving " : "rejecting ") + user);
            String name = c.names().of(id);
            say(joined.map(changed -> "approved " + name + ": joined group " + chatId + GroupCommands.at(changed))
                    .orElse("rejected " + name + "'s request to join group " + chatId));
        }
    }

    @Command(name = "approve", description = "Let a user who asked to join into the group (admins).")
    static final class Approve extends Answer {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "reject", description = "Turn down a user's request to join the group (admins).")
    static final class Reject extends Answer {
        @Override
        boolean approve() {
            return false;
        }
    }
}

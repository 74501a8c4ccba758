package dev.parley.client.cli;

import dev.parley.client.JoinResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "join", description = "Join a group through an invite code (some need an admin's approval first).")
final class JoinCommand extends ConnectedCommand {
    @Parameters(index = "0", paramLabel = "CODE", description = "The invite code (from parley group invite).")
    String code;

    @Override
    void run(Connected c) {
        say(describe(await(c.client().joinByInvite(code), "joining with invite " + code)));
    }

    static String describe(JoinResult result) {
        return switch (result) {
            case JoinResult.Joined joined -> "joined group " + joined.chatId()
                    + (joined.chat().group() == null ? "" : " \"" + joined.chat().group().name() + "\"");
            case JoinResult.Pending pending -> "asked to join group " + pending.chatId()
                    + "; an admin must approve the request";
        };
    }
}

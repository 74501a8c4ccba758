package dev.parley.client.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "follow", description = "Print a chat's messages live, marking them read, until Ctrl-C.")
final class FollowCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.Converter.class,
            description = "Chat id, or @username for the direct chat with that user.")
    ChatTarget target;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "Print the last N messages first, 1..200 (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() throws InterruptedException {
        if (last < 1 || last > 200) {
            throw new CliException("--last must be within 1..200, got " + last);
        }
        ProfileStore store = profiles();
        Profile profile = store.require();
        UserNames names = new UserNames(profile.userId(), id -> http(profile.server()).userById(profile.token(), id));
        ChatFollower follower = new ChatFollower(out(), new MessageLines(env().clock(), env().zone(), names));
        ParleyClient client = connect(profile, store, follower);
        env().onExit().accept(client::close);
        try {
            long chatId = chatId(target, profile, client);
            ServerFrame.History page = await(client.history(chatId, null, null, last), "loading chat " + chatId);
            follower.begin(chatId, page.messages(), (chat, seq) -> client.markRead(chat, seq)
                    .exceptionally(e -> reportReadFailure(chat, seq, e)));
            return exitCode(client.closed().get());
        } catch (ExecutionException e) {
            throw new CliException("follow failed: " + e.getCause());
        } finally {
            client.close();
        }
    }

    private Void reportReadFailure(long chatId, long seq, Throwable error) {
        env().err().println("could not mark chat " + chatId + " read up to #" + seq + ": " + error.getMessage());
        env().err().flush();
        return null;
    }

    private static int exitCode(ConnectionState closed) {
        return closed.closeCode() == CloseCodes.NORMAL ? 0 : 1;
    }
}

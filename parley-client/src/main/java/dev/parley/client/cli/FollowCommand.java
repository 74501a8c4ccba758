package dev.parley.client.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.CloseCodes;
import dev.parley.client.TypingTracker;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "follow", description = {"Print a chat's messages live, marking them read, until Ctrl-C.",
        "Also shows the peer's presence (direct chats) and who is typing."})
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
        ChatFollower follower = new ChatFollower(out(), new MessageLines(env().clock(), env().zone(), names),
                new PresenceLines(env().clock(), env().zone()), new TypingTracker(env().clock()));
        ParleyClient client = connect(profile, store, follower);
        env().onExit().accept(client::close);
        try {
            long chatId = chatId(target, profile, client);
            ServerFrame.History page = await(client.history(chatId, null, null, last), "loading chat " + chatId);
            header(client, chatId, follower);
            follower.begin(chatId, page.messages(), (chat, seq) -> client.markRead(chat, seq)
                    .exceptionally(e -> reportReadFailure(chat, seq, e)));
            return exitCode(client.closed().get());
        } catch (ExecutionException e) {
            throw new CliException("follow failed: " + e.getCause());
        } finally {
            client.close();
        }
    }

    /** Prints the chat's header; for a direct chat, watches the peer first so that it shows their presence. */
    private void header(ParleyClient client, long chatId, ChatFollower follower) {
        Optional<Views.Chat> chat = await(client.chats(), "loading chat " + chatId).stream()
                .filter(c -> c.id() == chatId).findFirst();
        if (chat.isEmpty()) {
            return;
        }
        Views.User peer = chat.get().peer();
        if (peer != null && chat.get().group() == null) {
            try {
                await(client.watchPresence(List.of(peer.id())), "asking for the presence of " + UserNames.label(peer));
            } catch (RuntimeException e) {
                // presence is a nicety here: follow the chat without it
                env().err().println("could not get the presence of " + UserNames.label(peer) + ": "
                        + ParleyCli.describe(e));
                env().err().flush();
            }
        }
        follower.header(chat.get());
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

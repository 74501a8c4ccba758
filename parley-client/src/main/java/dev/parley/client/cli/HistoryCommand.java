package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = "Print a page of a chat's messages, oldest first.")
final class HistoryCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.Converter.class,
            description = "Chat id, or @username for the direct chat with that user.")
    ChatTarget target;

    @Option(names = "--before", paramLabel = "SEQ", description = "Only messages with a seq below this one.")
    Long before;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N messages, 1..200 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 200) {
            throw new CliException("--limit must be within 1..200, got " + limit);
        }
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            long chatId = chatId(target, profile, client);
            ServerFrame.History page = await(client.history(chatId, before, null, limit), "loading chat " + chatId);
            UserNames names = new UserNames(profile.userId(), id -> http(profile.server()).userById(profile.token(), id));
            MessageLines lines = new MessageLines(env().clock(), env().zone(), names);
            for (Views.Message m : page.messages()) {
                out().println("#" + m.seq() + " " + lines.format(m));
            }
            if (page.more() && !page.messages().isEmpty()) {
                out().println("(older messages: parley history " + chatId + " --before " + page.messages().getFirst().seq() + ")");
            }
            out().flush();
        }
        return 0;
    }
}

package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "open", description = "Open (or find) the direct chat with a user; prints the chat id.")
final class OpenCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "USERNAME", description = "The other user's username (with or without @).")
    String username;

    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        String name = username.startsWith("@") ? username.substring(1) : username;
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            out().println(chatId(new ChatTarget(null, name), profile, client));
            out().flush();
        }
        return 0;
    }
}

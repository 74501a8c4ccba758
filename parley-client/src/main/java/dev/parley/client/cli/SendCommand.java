package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "send", description = "Send a text message; waits until the server stored it (✓).")
final class SendCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.Converter.class,
            description = "Chat id, or @username for the direct chat with that user.")
    ChatTarget target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message; words are joined by spaces.")
    List<String> words;

    String text() {
        return String.join(" ", words);
    }

    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            long chatId = chatId(target, profile, client);
            ServerFrame.Accepted accepted = await(client.send(chatId, text()), "sending to chat " + chatId);
            out().println("✓ chat " + accepted.chatId() + " #" + accepted.seq());
            out().flush();
        }
        return 0;
    }
}

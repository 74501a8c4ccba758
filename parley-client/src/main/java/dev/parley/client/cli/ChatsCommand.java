package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Views;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "chats", description = "List my chats: id, peer, unread count, last message.")
final class ChatsCommand extends CliCommand {
    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            List<Views.Chat> chats = await(client.chats(), "listing chats");
            UserNames names = new UserNames(profile.userId(), id -> http(profile.server()).userById(profile.token(), id));
            Table table = new Table("CHAT", "PEER", "UNREAD", "LAST MESSAGE");
            for (Views.Chat chat : chats) {
                names.remember(chat.peer());
                table.row(chat.id(), peer(chat), chat.unread(), last(chat.lastMessage(), names));
            }
            table.print(out());
        }
        return 0;
    }

    private static String peer(Views.Chat chat) {
        return chat.peer() != null ? UserNames.label(chat.peer()) : chat.kind();
    }

    private static String last(Views.Message message, UserNames names) {
        return message == null ? "" : Table.truncate(names.of(message.senderId()) + ": " + message.text(), 50);
    }
}

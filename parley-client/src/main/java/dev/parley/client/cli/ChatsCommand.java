package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Views;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "chats", description = "List my chats: id, peer or group name, members, unread count, last message.")
final class ChatsCommand extends CliCommand {
    static final String[] HEADERS = {"CHAT", "NAME", "MEMBERS", "UNREAD", "LAST MESSAGE"};

    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            List<Views.Chat> chats = await(client.chats(), "listing chats");
            UserNames names = new UserNames(profile.userId(), id -> http(profile.server()).userById(profile.token(), id));
            MessageLines lines = new MessageLines(env().clock(), env().zone(), names);
            Table table = new Table(HEADERS);
            for (Views.Chat chat : chats) {
                names.remember(chat.peer());
                table.row(row(chat, lines));
            }
            table.print(out());
        }
        return 0;
    }

    /** One row of the chat list: a group's name (marked when I am no longer a member) or the direct chat's peer. */
    static Object[] row(Views.Chat chat, MessageLines lines) {
        String members = chat.active() ? String.valueOf(chat.members() == null ? 0 : chat.members().size()) : "-";
        return new Object[] {chat.id(), name(chat), members, chat.unread(), last(chat.lastMessage(), lines)};
    }

    static String name(Views.Chat chat) {
        if (chat.group() != null) {
            return chat.group().name() + (chat.active() ? "" : " (left)");
        }
        return chat.peer() != null ? UserNames.label(chat.peer()) : chat.kind();
    }

    private static String last(Views.Message message, MessageLines lines) {
        return message == null ? "" : Table.truncate(lines.summary(message), 50);
    }
}

package dev.parley.client.cli;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Who has a message delivered and read, and when (the sender excluded).")
final class InfoCommand extends ConnectedCommand {
    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.IdConverter.class, description = "The chat id.")
    long chatId;

    @Parameters(index = "1", paramLabel = "SEQ", description = "The message's seq (the #N of parley history).")
    long seq;

    @Override
    void validate() {
        if (seq < 1) {
            throw new CliException("SEQ must be a positive number, got " + seq);
        }
    }

    @Override
    void run(Connected c) {
        ServerFrame.MessageInfo info = await(c.client().messageInfo(chatId, seq),
                "loading the receipts of #" + seq + " in chat " + chatId);
        say(summary(info));
        table(info, lines(c), c.names()).print(out());
    }

    /** One row per member: name, delivered time, read time ("-": not yet, or not shared). */
    static Table table(ServerFrame.MessageInfo info, MessageLines lines, UserNames names) {
        Table table = new Table("MEMBER", "DELIVERED", "READ");
        for (Views.ReceiptInfo member : info.members()) {
            table.row(names.of(member.userId()), time(member.deliveredAt(), lines), time(member.readAt(), lines));
        }
        return table;
    }

    static String summary(ServerFrame.MessageInfo info) {
        int all = info.members().size();
        long delivered = info.members().stream().filter(m -> m.deliveredAt() != null).count();
        long read = info.members().stream().filter(m -> m.readAt() != null).count();
        return "#" + info.seq() + " of chat " + info.chatId() + ": delivered to " + delivered + " of " + all
                + ", read by " + read + " of " + all;
    }

    private static String time(Long epochMillis, MessageLines lines) {
        return epochMillis == null ? "-" : lines.time(epochMillis);
    }
}

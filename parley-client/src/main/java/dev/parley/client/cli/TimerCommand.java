package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "timer", description = "Set a chat's disappearing-message timer: off, 24h, 7d or 90d.")
final class TimerCommand extends CliCommand {
    /** The timers the server accepts, by the names the command takes. */
    static final Map<String, Long> TIMERS = Map.of("off", 0L, "24h", 86_400L, "7d", 604_800L, "90d", 7_776_000L);

    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.Converter.class,
            description = "Chat id, or @username for the direct chat with that user.")
    ChatTarget target;

    @Parameters(index = "1", paramLabel = "TIMER", description = "off, 24h, 7d or 90d.")
    String timer;

    @Override
    public Integer call() {
        Long seconds = TIMERS.get(timer);
        if (seconds == null) {
            throw new CliException("TIMER must be one of off, 24h, 7d, 90d; got '" + timer + "'");
        }
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            long chatId = chatId(target, profile, client);
            ServerFrame.Changed changed = await(client.setTimer(chatId, seconds), "setting the timer of chat " + chatId);
            out().println("⏱ chat " + changed.chatId() + " #" + changed.seq() + ": disappearing messages "
                    + (seconds == 0 ? "off" : "after " + timer));
            out().flush();
        }
        return 0;
    }
}

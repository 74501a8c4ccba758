package dev.parley.client.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.Listener;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Prints one chat's messages as they arrive, each once and in seq order, and marks them read. Live messages
 * that arrive before the initial history page is printed are held back, then printed if newer than it.
 * Thread-safe (the client's callback thread and the command's thread both call in).
 */
final class ChatFollower implements Listener {
    private final PrintWriter out;
    private final MessageLines lines;
    private final List<Views.Message> early = new ArrayList<>();
    private BiConsumer<Long, Long> markRead;
    private long chatId;
    private long lastSeq;
    private boolean started;
    /** I was removed from (or left) the group: nothing more will come, and it cannot be marked read. */
    private boolean ended;

    ChatFollower(PrintWriter out, MessageLines lines) {
        this.out = out;
        this.lines = lines;
    }

    /**
     * Starts printing {@code chatId}: the history page first, then messages held back, then live ones.
     *
     * @param markRead called with (chatId, seq) after printing up to seq
     */
    synchronized void begin(long chatId, List<Views.Message> history, BiConsumer<Long, Long> markRead) {
        this.chatId = chatId;
        this.markRead = markRead;
        this.started = true;
        history.forEach(this::print);
        early.stream().filter(m -> m.chatId() == chatId).forEach(this::print);
        early.clear();
        acknowledge();
    }

    @Override
    public synchronized void onMessage(Views.Message message, long cursor) {
        if (!started) {
            early.add(message);
        } else if (message.chatId() == chatId) {
            print(message);
            acknowledge();
        }
    }

    @Override
    public synchronized void onStateChanged(ConnectionState state) {
        switch (state.phase()) {
            case RECONNECTING -> status("connection lost (" + state.closeCode() + ": " + state.reason() + "), reconnecting…");
            case LIVE -> status("live");
            case CLOSED -> status("closed (" + state.closeCode() + ": " + state.reason() + ")");
            default -> {
            }
        }
    }

    /** The highest seq printed so far (0 when none). */
    synchronized long lastSeq() {
        return lastSeq;
    }

    private void print(Views.Message message) {
        if (message.seq() > lastSeq) {
            out.println(lines.format(message));
            lastSeq = message.seq();
            if (lines.endsMyMembership(message)) {
                ended = true;
                status("you are no longer a member of this group: nothing more will arrive (Ctrl-C to stop)");
            }
        }
        out.flush();
    }

    private void acknowledge() {
        if (lastSeq > 0 && !ended) {
            markRead.accept(chatId, lastSeq);
        }
    }

    private void status(String text) {
        out.println("-- " + text);
        out.flush();
    }
}

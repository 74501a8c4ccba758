package dev.parley.client.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.Listener;
import dev.parley.client.TypingTracker;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Prints one chat's messages as they arrive, each once and in seq order, and marks them read. Live messages
 * that arrive before the initial history page is printed are held back, then printed if newer than it. Also
 * prints a header with the direct chat's peer and their presence, a line when the peer's presence changes, and
 * "Bob is typing…" once per burst of typing frames (a burst ends with its expiry, "stopped", or a message from
 * that user). Thread-safe (the client's callback thread and the command's thread both call in).
 */
final class ChatFollower implements Listener {
    private final PrintWriter out;
    private final MessageLines lines;
    private final PresenceLines presenceLines;
    private final TypingTracker typing;
    private final List<Views.Message> early = new ArrayList<>();
    /** The latest presence of every user the client told us about, header or not. */
    private final Map<Long, Views.Presence> presences = new HashMap<>();
    private BiConsumer<Long, Long> markRead;
    private long chatId;
    private long lastSeq;
    private boolean started;
    /** I was removed from (or left) the group: nothing more will come, and it cannot be marked read. */
    private boolean ended;
    /** The direct chat's peer whose presence changes are printed; null for groups or before the header. */
    private Views.User peer;
    private Views.Presence shownPresence;

    ChatFollower(PrintWriter out, MessageLines lines, PresenceLines presenceLines, TypingTracker typing) {
        this.out = out;
        this.lines = lines;
        this.presenceLines = presenceLines;
        this.typing = typing;
    }

    /**
     * Prints the chat's header line: the group's name and size, or the direct chat's peer with their presence as
     * last reported to {@link #onPresence} (watch the peer before calling this). From then on the peer's presence
     * changes are printed.
     */
    synchronized void header(Views.Chat chat) {
        if (chat.group() != null) {
            int members = chat.members() == null ? 0 : chat.members().size();
            status("chat " + chat.id() + ": " + ChatsCommand.name(chat)
                    + (chat.active() ? " (" + members + (members == 1 ? " member)" : " members)") : ""));
            return;
        }
        if (chat.peer() == null) {
            status("chat " + chat.id());
            return;
        }
        peer = chat.peer();
        shownPresence = presences.get(peer.id());
        status("chat " + chat.id() + " with " + UserNames.label(peer)
                + (shownPresence == null ? "" : ": " + presenceLines.describe(shownPresence)));
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
            typing.onMessage(message);
            print(message);
            acknowledge();
        }
    }

    @Override
    public synchronized void onExpired(Views.ExpiredEvent expired) {
        if (started && expired.chatId() == chatId) {
            String range = expired.fromSeq() == expired.toSeq() ? "#" + expired.fromSeq()
                    : "#" + expired.fromSeq() + "–#" + expired.toSeq();
            status("timer".equals(expired.reason()) ? "messages " + range + " disappeared"
                    : "messages " + range + " expired before they reached this device");
        }
    }

    @Override
    public synchronized void onPresence(Views.Presence presence) {
        presences.put(presence.userId(), presence);
        if (peer != null && presence.userId() == peer.id() && !presence.equals(shownPresence)) {
            shownPresence = presence;
            status(presenceLines.change(UserNames.shortName(peer), presence));
        }
    }

    @Override
    public synchronized void onTyping(ServerFrame.TypingFrame frame) {
        if (!started || frame.chatId() != chatId || lines.names().isSelf(frame.userId())) {
            return;
        }
        if (typing.onTyping(frame) && !"stopped".equals(frame.state())) {
            status(PresenceLines.typing(lines.names().of(frame.userId()), frame.state()));
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

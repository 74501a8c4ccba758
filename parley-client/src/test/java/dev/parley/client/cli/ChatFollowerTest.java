package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ManualClock;
import dev.parley.client.TypingTracker;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFollowerTest {
    private final StringWriter out = new StringWriter();
    private final List<String> reads = new ArrayList<>();
    private final ManualClock clock = new ManualClock(CliHarness.NOW);
    private final ChatFollower follower = new ChatFollower(new PrintWriter(out), new MessageLines(
            clock, ZoneOffset.UTC, new UserNames(1, id -> new Views.User(id, null, null, "U" + id))),
            new PresenceLines(clock, ZoneOffset.UTC), new TypingTracker(clock));
    private static final Views.User BOB = new Views.User(2, "bob", null, "Bob");

    private static Views.Message message(long chatId, long seq, String text) {
        return new Views.Message(chatId, seq, "m" + seq, 2, 1, "c" + seq, "text", text, null,
                CliHarness.NOW.toEpochMilli(), null);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void printsHistoryThenHeldBackThenLiveMessagesOnceEachAndMarksThemRead() {
        follower.onMessage(message(9, 3, "early dup"), 1);
        follower.onMessage(message(8, 1, "other chat"), 2);
        follower.onMessage(message(9, 4, "early new"), 3);
        follower.begin(9, List.of(message(9, 2, "two"), message(9, 3, "three")),
                (chat, seq) -> reads.add(chat + "@" + seq));
        follower.onMessage(message(9, 5, "live"), 4);
        follower.onMessage(message(9, 5, "live"), 4);
        follower.onMessage(message(8, 2, "other again"), 5);
        assertThat(lines()).containsExactly("[12:00:00] U2: two", "[12:00:00] U2: three", "[12:00:00] U2: early new",
                "[12:00:00] U2: live");
        assertThat(reads).containsExactly("9@4", "9@5", "9@5");
        assertThat(follower.lastSeq()).isEqualTo(5);
    }

    @Test
    void systemEntriesPrintAsLinesAndMyRemovalIsPointedOut() {
        follower.begin(9, List.of(message(9, 1, "hi")), (chat, seq) -> reads.add(chat + "@" + seq));
        follower.onMessage(new Views.Message(9, 2, "m2", 3, 1, null, "system", null, null, CliHarness.NOW.toEpochMilli(),
                new Views.SystemEvent("removed", 3, List.of(1L), null, null, null, null, null, null)), 7);
        assertThat(lines()).containsExactly("[12:00:00] U2: hi", "[12:00:00] * U3 removed you",
                "-- you are no longer a member of this group: nothing more will arrive (Ctrl-C to stop)");
        assertThat(reads).containsExactly("9@1");
    }

    @Test
    void anEmptyChatMarksNothing() {
        follower.begin(9, List.of(), (chat, seq) -> reads.add(chat + "@" + seq));
        assertThat(lines()).isEmpty();
        assertThat(reads).isEmpty();
    }

    @Test
    void reportsConnectionTrouble() {
        follower.onStateChanged(new ConnectionState(ConnectionState.Phase.RECONNECTING, 1006, "reset", CliHarness.NOW));
        follower.onStateChanged(new ConnectionState(ConnectionState.Phase.LIVE, 0, "", CliHarness.NOW));
        assertThat(lines()).containsExactly("-- connection lost (1006: reset), reconnecting…", "-- live");
    }

    private static Views.Chat direct(long chatId) {
        return new Views.Chat(chatId, "direct", 0, BOB, List.of(), null, 0, 0, 0, null, true);
    }

    @Test
    void theHeaderShowsThePeersPresenceAndChangesFollow() {
        follower.onPresence(new Views.Presence(3, true, null));
        follower.onPresence(new Views.Presence(2, false, CliHarness.NOW.minusSeconds(120).toEpochMilli()));
        follower.header(direct(9));
        follower.begin(9, List.of(), (chat, seq) -> reads.add(chat + "@" + seq));
        follower.onPresence(new Views.Presence(2, true, null));
        follower.onPresence(new Views.Presence(2, true, null));
        follower.onPresence(new Views.Presence(3, false, null));
        follower.onPresence(new Views.Presence(2, false, CliHarness.NOW.toEpochMilli()));
        follower.onPresence(new Views.Presence(2, null, null));
        assertThat(lines()).containsExactly("-- chat 9 with Bob (@bob): last seen today at 11:58", "-- Bob is online",
                "-- Bob was last seen today at 12:00", "-- Bob's presence is hidden");
    }

    @Test
    void aHeaderWithoutPresenceYetAndAGroupHeader() {
        follower.header(direct(9));
        follower.header(new Views.Chat(7, "group", 3, null, List.of(new Views.Member(1, "owner", 3, 3L),
                new Views.Member(2, "member", 3, 3L)), null, 3, 0, 0,
                new Views.Group("Book club", null, null, false, false, 1, 1024), true));
        assertThat(lines()).containsExactly("-- chat 9 with Bob (@bob)", "-- chat 7: Book club (2 members)");
    }

    private static ServerFrame.TypingFrame typing(long chatId, long userId, String state) {
        return new ServerFrame.TypingFrame(chatId, userId, state, 6000);
    }

    @Test
    void typingIsShownOncePerBurst() {
        follower.onTyping(typing(9, 2, "typing"));
        follower.begin(9, List.of(), (chat, seq) -> reads.add(chat + "@" + seq));
        follower.onTyping(typing(9, 2, "typing"));
        clock.advance(Duration.ofSeconds(3));
        follower.onTyping(typing(9, 2, "typing"));
        follower.onTyping(typing(9, 1, "typing"));
        follower.onTyping(typing(8, 3, "typing"));
        follower.onTyping(typing(9, 2, "recording"));
        follower.onTyping(typing(9, 2, "stopped"));
        follower.onTyping(typing(9, 2, "typing"));
        follower.onMessage(message(9, 1, "done"), 1);
        follower.onTyping(typing(9, 2, "typing"));
        clock.advance(Duration.ofSeconds(6));
        follower.onTyping(typing(9, 2, "typing"));
        assertThat(lines()).containsExactly("-- U2 is typing…", "-- U2 is recording audio…", "-- U2 is typing…",
                "[12:00:00] U2: done", "-- U2 is typing…", "-- U2 is typing…");
    }
}

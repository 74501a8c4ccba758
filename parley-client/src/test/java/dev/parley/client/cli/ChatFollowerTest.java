package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFollowerTest {
    private final StringWriter out = new StringWriter();
    private final List<String> reads = new ArrayList<>();
    private final ChatFollower follower = new ChatFollower(new PrintWriter(out), new MessageLines(
            Clock.fixed(CliHarness.NOW, ZoneOffset.UTC), ZoneOffset.UTC,
            new UserNames(1, id -> new Views.User(id, null, null, "U" + id))));

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
}

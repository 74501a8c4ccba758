package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tables, message lines, names and chat targets. */
class FormattingTest {
    private final Clock clock = Clock.fixed(CliHarness.NOW, ZoneOffset.UTC);

    private static Views.Message message(long seq, long sender, String text, long ts, Long replyTo) {
        return new Views.Message(9, seq, "m" + seq, sender, 1, "c" + seq, "text", text, replyTo, ts, null);
    }

    @Test
    void tablesAlignColumns() {
        StringWriter out = new StringWriter();
        new Table("ID", "NAME").row(1, "a").row(100, "long name\nwrapped").print(new PrintWriter(out));
        assertThat(out.toString().lines()).containsExactly("ID   NAME", "1    a", "100  long name wrapped");
        assertThatThrownBy(() -> new Table("A", "B").row(1)).hasMessageContaining("a row needs 2 cells, got 1");
        assertThat(Table.truncate("abcdef", 4)).isEqualTo("abc…");
        assertThat(Table.truncate("abc", 4)).isEqualTo("abc");
    }

    @Test
    void messageLinesShowTimeSenderAndText() {
        UserNames names = new UserNames(1, id -> new Views.User(id, "bob", null, "Bob"));
        MessageLines lines = new MessageLines(clock, ZoneOffset.UTC, names);
        long today = CliHarness.NOW.minusSeconds(65).toEpochMilli();
        long older = Instant.parse("2025-02-27T08:30:00Z").toEpochMilli();
        assertThat(lines.format(message(1, 2, "hi", today, null))).isEqualTo("[11:58:55] Bob: hi");
        assertThat(lines.format(message(2, 1, "yo", older, 1L))).isEqualTo("[2025-02-27 08:30] me (reply to #1): yo");
    }

    @Test
    void namesAreLookedUpOnceAndFallBackToTheId() {
        AtomicInteger lookups = new AtomicInteger();
        UserNames names = new UserNames(1, id -> {
            lookups.incrementAndGet();
            if (id == 404) {
                throw new IllegalStateException("gone");
            }
            return new Views.User(id, "u" + id, null, "");
        });
        assertThat(names.of(1)).isEqualTo("me");
        assertThat(names.of(2)).isEqualTo("@u2");
        assertThat(names.of(2)).isEqualTo("@u2");
        assertThat(names.of(404)).isEqualTo("user 404");
        assertThat(lookups).hasValue(2);
        names.remember(new Views.User(7, null, "+14155550100", "Carol"));
        assertThat(names.of(7)).isEqualTo("Carol");
        assertThat(UserNames.label(new Views.User(7, null, "+14155550100", "Carol"))).isEqualTo("Carol (+14155550100)");
    }

    @Test
    void chatTargets() {
        assertThat(ChatTarget.parse("@alice")).isEqualTo(new ChatTarget(null, "alice"));
        assertThat(ChatTarget.parse("42")).isEqualTo(new ChatTarget(42L, null));
        assertThatThrownBy(() -> ChatTarget.parse("@")).hasMessageContaining("got '@'");
        assertThatThrownBy(() -> ChatTarget.parse("0")).hasMessageContaining("got '0'");
    }
}

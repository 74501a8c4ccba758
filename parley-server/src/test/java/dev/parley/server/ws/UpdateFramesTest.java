package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Update;
import dev.parley.protocol.FrameCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateFramesTest {
    private final FrameCodec codec = new FrameCodec();
    private final ViewMapper views = new ViewMapper(null, null);
    private final UpdateFrames frames = new UpdateFrames(views, codec);

    @Test
    void everyRecipientOfOneEventGetsItsOwnCursorAroundTheSameEvent() {
        Event shared = new Event.MessageAdded(message(7, "hello"));
        for (long user = 1; user <= 50; user++) {
            Update u = new Update(user, 100 + user, shared);
            assertThat(frames.encode(u)).isEqualTo(codec.encodeBytes(views.update(u)));
        }
    }

    @Test
    void equalButDistinctEventsAndCollidingSlotsEncodeTheirOwnContent() {
        for (int i = 0; i < 10_000; i++) {
            Event e = i % 2 == 0 ? new Event.MessageAdded(message(i, "text " + i))
                    : new Event.ChatCreated(i, ChatKind.GROUP, List.of(1L, 2L, (long) i));
            Update u = new Update(3, i + 1, e);
            assertThat(new String(frames.encode(u))).isEqualTo(codec.encode(views.update(u)));
        }
    }

    private static Message message(long seq, String text) {
        return new Message(9, seq, "id-" + seq, 1, 2, "c-" + seq, MessageKind.TEXT, text, null,
                Instant.ofEpochMilli(1_000 + seq), null, null);
    }
}

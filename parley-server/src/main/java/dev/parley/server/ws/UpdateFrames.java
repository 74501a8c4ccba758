package dev.parley.server.ws;

import dev.parley.core.model.Event;
import dev.parley.core.model.Update;
import dev.parley.protocol.FrameCodec;

/**
 * Encodes update-stream entries as {@code update} frames, encoding each event once however many devices receive it.
 *
 * <p>The fan-out hands the same {@link Event} instance to every recipient of one append (one message to a group
 * of 1,000 is 1,000 entries sharing one event), so the event's JSON is cached by identity in a small direct-mapped
 * table: slot {@code identityHashCode(event) & mask} holds the last event encoded there and its bytes. A hit needs
 * the very same instance; a collision or a miss just encodes again. Slots are written racily on purpose: a
 * {@link Slot} is immutable (final fields), so a reader sees either a whole older slot or a whole newer one.
 * Entries read back from the store are new instances and are encoded per recipient, as before.
 *
 * <p>Only events that look the same to every recipient are shared: a {@link Event.ReceiptMoved} shows
 * {@code readSeq} per viewer (read-receipt privacy), so it is encoded per recipient.
 */
public final class UpdateFrames {
    private static final int SLOTS = 1 << 12;

    private record Slot(Event event, byte[] json) {
    }

    private final ViewMapper views;
    private final FrameCodec codec;
    private final Slot[] slots = new Slot[SLOTS];

    public UpdateFrames(ViewMapper views, FrameCodec codec) {
        this.views = views;
        this.codec = codec;
    }

    /** The UTF-8 JSON of {@code update} as its user sees it. */
    public byte[] encode(Update update) {
        Event event = update.event();
        if (event instanceof Event.ReceiptMoved) {
            return codec.encodeBytes(views.update(update));
        }
        return FrameCodec.encodeUpdate(update.cursor(), sharedEvent(update));
    }

    private byte[] sharedEvent(Update update) {
        Event event = update.event();
        int index = System.identityHashCode(event) & (SLOTS - 1);
        Slot slot = slots[index];
        if (slot != null && slot.event() == event) {
            return slot.json();
        }
        byte[] json = codec.encodeEvent(views.update(update).event());
        slots[index] = new Slot(event, json);
        return json;
    }
}

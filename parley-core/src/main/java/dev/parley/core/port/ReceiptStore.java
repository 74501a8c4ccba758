package dev.parley.core.port;

import dev.parley.core.model.Watermark;
import java.util.List;
import java.util.Optional;

/** Delivery and read watermarks (ARCHITECTURE.md §2.6). Each method is one durable step. */
public interface ReceiptStore {

    /**
     * Device {@code deviceId} of {@code userId} processed its stream up to {@code cursor}. Moves the device's
     * acknowledged cursor to max(old, min(cursor, head)); for each chat with a {@code MessageAdded} entry in
     * (old, new], raises the user's deliveredSeq to the highest such seq. For each watermark that moved,
     * appends one {@code ReceiptMoved} entry to the stream of every other active member. Returns the moved
     * watermarks.
     */
    List<Watermark> acknowledge(long userId, long deviceId, long cursor);

    /**
     * The user read chat {@code chatId} up to {@code seq}: readSeq = max(readSeq, min(seq, lastSeq)) and
     * deliveredSeq ≥ readSeq. If it moved, appends a {@code ReceiptMoved} entry (with {@code readShared}) to
     * every active member's stream, the reader's own included. Empty when the user is not an active member;
     * the unchanged watermark when nothing moved.
     */
    Optional<Watermark> markRead(long userId, long chatId, long seq, boolean readShared);
}

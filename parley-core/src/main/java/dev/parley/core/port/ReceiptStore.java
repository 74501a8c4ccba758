package dev.parley.core.port;

import dev.parley.core.model.Watermark;
import java.util.List;
import java.util.Optional;

/** Delivery and read watermarks (ARCHITECTURE.md §2.6). Each method is one durable step. */
public interface ReceiptStore {

    /**
     * Device {@code deviceId} of {@code userId} processed its stream up to {@code cursor}. Moves the device's
     * acknowledged cursor to max(old, min(cursor, head)); for each chat with a {@code MessageAdded} entry in
     * (old, new], raises the user's deliveredSeq to the highest such seq (never beyond the member's leaveSeq).
     * For each watermark that moved: in a direct chat, appends one {@code ReceiptMoved} entry to the stream of
     * the other member; in a group, appends a {@code GroupReceipt} to each sender whose "all other members
     * delivered" seq moved (covering messages of theirs). Returns the moved watermarks.
     */
    List<Watermark> acknowledge(long userId, long deviceId, long cursor);

    /**
     * For each active member of the chat other than the message's sender: when their delivered and read
     * watermarks first reached {@code seq} (null: not yet). Every watermark move is recorded with its time for
     * this. Empty when the message does not exist.
     */
    List<dev.parley.core.model.ReceiptInfo> messageInfo(long chatId, long seq);

    /**
     * The user read chat {@code chatId} up to {@code seq}: readSeq = max(readSeq, min(seq, lastSeq)) and
     * deliveredSeq ≥ readSeq. If it moved, appends a {@code ReceiptMoved} entry (with {@code readShared}) to
     * every active member's stream, the reader's own included (in a group: to the reader only, plus a
     * {@code GroupReceipt} to each sender whose "all other members read" seq moved). Empty when the user is not
     * an active member;
     * the unchanged watermark when nothing moved.
     */
    Optional<Watermark> markRead(long userId, long chatId, long seq, boolean readShared);
}

package dev.parley.bench.client;

/**
 * The fields of a server frame the load generator acts on, filled by {@link FrameScanner} (one reusable instance
 * per event loop, so the hot path allocates little). Absent numbers are -1, absent strings null.
 */
public final class Inbound {
    public String type;
    public String id;
    public long cursor;
    public long head;
    public long seq;
    public long chatId;
    public String clientId;
    public String code;
    public String message;
    public long userId;
    /** {@code event.kind} of an update. */
    public String kind;
    /** {@code event.deliveredSeq} of a receipt or groupReceipt. */
    public long deliveredSeq;
    /** {@code event.message.senderId}, {@code clientId}, {@code seq}, {@code chatId} of a message update. */
    public long senderId;
    public String messageClientId;
    public long messageSeq;

    void reset() {
        type = null;
        id = null;
        cursor = -1;
        head = -1;
        seq = -1;
        chatId = -1;
        clientId = null;
        code = null;
        message = null;
        userId = -1;
        kind = null;
        deliveredSeq = -1;
        senderId = -1;
        messageClientId = null;
        messageSeq = -1;
    }
}

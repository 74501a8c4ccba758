package dev.parley.core.service;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Event;
import dev.parley.core.model.Member;
import dev.parley.core.model.ReceiptInfo;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.util.List;

/**
 * Delivery and read receipts as watermarks (ARCHITECTURE.md §2.6), and who may see read receipts:
 * a user with read receipts off neither shares their readSeq nor sees anyone else's.
 */
public final class ReceiptService {
    private final ReceiptStore store;
    private final AccountService accounts;
    private final AckCoalescer acks;

    /** {@code acks} coalesces the acks of {@link #acknowledgeSoon} (a zero window writes each at once). */
    public ReceiptService(ReceiptStore store, AccountService accounts, AckCoalescer acks) {
        this.store = store;
        this.accounts = accounts;
        this.acks = acks;
    }

    /**
     * The device processed its update stream up to {@code cursor}: durable (with any coalesced cursor of the
     * device) before this returns.
     */
    public List<Watermark> acknowledge(DeviceIdentity device, long cursor) {
        return acks.acknowledgeNow(device, cursor);
    }

    /** Like {@link #acknowledge}, but coalesced per device (see {@link AckCoalescer}); does not wait. */
    public void acknowledgeSoon(DeviceIdentity device, long cursor) {
        acks.acknowledge(device, cursor);
    }

    /** The highest cursor the device acknowledged on this node that is not written yet, or -1. */
    public long pendingAck(long deviceId) {
        return acks.pendingCursor(deviceId);
    }

    /** The caller read {@code chatId} up to {@code seq}. NOT_FOUND when not a member. */
    public Watermark markRead(long userId, long chatId, long seq) {
        boolean share = accounts.settings(userId).readReceipts();
        return store.markRead(userId, chatId, seq, share).orElseThrow(() -> ChatService.notMember(chatId));
    }

    /**
     * Delivery and read times of a message for each member other than its sender, as {@code viewerId} may see
     * them: only members of the chat may ask, and in direct chats read times follow the read-receipt settings.
     */
    public List<ReceiptInfo> messageInfo(long viewerId, long chatId, long seq, Member viewer, boolean direct) {
        if (seq <= viewer.joinSeq() || seq > viewer.leaveSeq()) {
            throw ChatService.notMember(chatId);
        }
        List<ReceiptInfo> infos = store.messageInfo(chatId, seq);
        if (!direct) {
            return infos;
        }
        return infos.stream().map(i -> visibleReadAt(viewerId, i)).toList();
    }

    private ReceiptInfo visibleReadAt(long viewerId, ReceiptInfo info) {
        boolean shared = accounts.settings(viewerId).readReceipts() && accounts.settings(info.userId()).readReceipts();
        return shared ? info : new ReceiptInfo(info.userId(), info.deliveredAt(), null);
    }

    /** The readSeq of a receipt event as {@code viewerId} may see it, or null. */
    public Long visibleReadSeq(long viewerId, Event.ReceiptMoved r) {
        if (r.memberId() == viewerId) {
            return r.readSeq();
        }
        boolean shared = r.readShared() && accounts.settings(r.memberId()).readReceipts()
                && accounts.settings(viewerId).readReceipts();
        return shared ? r.readSeq() : null;
    }

    /** The readSeq of a member as {@code viewerId} may see it in a chat list, or null. */
    public Long visibleReadSeq(long viewerId, Member m) {
        if (m.userId() == viewerId) {
            return m.readSeq();
        }
        boolean shared = accounts.settings(m.userId()).readReceipts() && accounts.settings(viewerId).readReceipts();
        return shared ? m.readSeq() : null;
    }
}

package dev.parley.core.port;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.Draft;
import dev.parley.core.model.HistoryPage;
import dev.parley.core.model.HistoryQuery;

/**
 * The per-chat message log. Sequencing point of guarantees 1–3 of ARCHITECTURE.md §2.
 */
public interface MessageLog {

    /**
     * In one durable step: if {@code (senderId, clientId)} exists, returns that message with duplicate=true and
     * writes nothing; if the sender is not an active member, returns NotMember; if the chat is a group whose
     * settings say only admins may send and the sender is a MEMBER, returns NotAllowed; otherwise assigns
     * {@code seq = lastSeq + 1}, stores the message and appends a {@code MessageAdded} entry to the update
     * stream of every active member (the sender included). Returns only after the step is durable; the new
     * entries are then handed to the {@link UpdateListener}.
     */
    AppendResult append(Draft draft);

    /**
     * A page of the chat's messages, see {@link HistoryQuery}, considering only seqs with
     * {@code minSeqExclusive < seq < maxSeqExclusive} (the caller's membership window; the core passes joinSeq − 1 and leaveSeq + 1 so a member sees the
     * system entries of their own join and removal).
     */
    HistoryPage history(long chatId, HistoryQuery query, long minSeqExclusive, long maxSeqExclusive);
}

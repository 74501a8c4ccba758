package dev.parley.core.service;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatSummary;
import dev.parley.core.model.HistoryPage;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.Member;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ChatStore;
import dev.parley.core.port.MessageLog;
import java.time.Clock;
import java.util.List;

/** Opening chats, the chat list and history. Only members get anything of a chat. */
public final class ChatService {
    private final ChatStore chats;
    private final MessageLog messages;
    private final AccountStore accounts;
    private final Limits limits;
    private final Clock clock;

    public ChatService(ChatStore chats, MessageLog messages, AccountStore accounts, Limits limits, Clock clock) {
        this.chats = chats;
        this.messages = messages;
        this.accounts = accounts;
        this.limits = limits;
        this.clock = clock;
    }

    /** The direct chat of the caller and {@code peerId}: the same chat whoever opens it. */
    public Chat openDirect(long callerId, long peerId) {
        if (peerId == callerId) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "userId " + peerId + " is yourself; a direct chat needs another user");
        }
        if (accounts.userById(peerId).isEmpty()) {
            throw new ServiceException(Failure.NOT_FOUND, "no user with id " + peerId);
        }
        return chats.openDirect(callerId, peerId, clock.instant());
    }

    public List<ChatSummary> chatsOf(long callerId) {
        return chats.chatsOf(callerId);
    }

    /** The other member of each of the user's direct chats (see {@link ChatStore#directPeers}). */
    public List<Long> directPeers(long userId) {
        return chats.directPeers(userId);
    }

    /** A chat the caller is a member of, with its members; NOT_FOUND otherwise (never reveals other chats). */
    public ChatSummary summary(long callerId, long chatId) {
        return chatsOf(callerId).stream().filter(s -> s.chat().id() == chatId).findFirst()
                .orElseThrow(() -> notMember(chatId));
    }

    /** A page of history inside the caller's membership window, its join and removal entries included. */
    public HistoryPage history(long callerId, long chatId, Long before, Long after, Integer limit) {
        Member me = chats.member(chatId, callerId).orElseThrow(() -> notMember(chatId));
        int size = limit == null ? 50 : Math.min(limit, limits.historyPageMax());
        long max = me.leaveSeq() == Long.MAX_VALUE ? Long.MAX_VALUE : me.leaveSeq() + 1;
        return messages.history(chatId, new HistoryQuery(before, after, size), me.joinSeq() - 1, max);
    }

    static ServiceException notMember(long chatId) {
        return new ServiceException(Failure.NOT_FOUND, "no chat " + chatId + " that you are a member of");
    }
}

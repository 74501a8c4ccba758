package dev.parley.core.service;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Member;
import dev.parley.core.model.Signal;
import dev.parley.core.port.ChatStore;
import dev.parley.core.port.ConnectionRegistry;
import java.util.List;

/**
 * Typing and recording indicators: relayed to the other members' live connections only — never stored, never
 * queued, never retried (ARCHITECTURE.md §2.7) — and rate-limited per device. Clients expire them by themselves.
 */
public final class TypingService {
    /** How long a client shows an indicator without a refresh. */
    public static final long EXPIRES_IN_MS = 6000;

    private final ChatStore chats;
    private final ContactService contacts;
    private final ConnectionRegistry connections;
    private final RateLimiter limiter;

    public TypingService(ChatStore chats, ContactService contacts, ConnectionRegistry connections, RateLimiter limiter) {
        this.chats = chats;
        this.contacts = contacts;
        this.connections = connections;
        this.limiter = limiter;
    }

    public void typing(DeviceIdentity me, long chatId, Signal.TypingState state) {
        if (!limiter.tryAcquire(me.deviceId())) {
            throw new ServiceException(Failure.RATE_LIMITED, "too many typing indicators from this device; slow down");
        }
        List<Member> members = chats.members(chatId);
        if (members.stream().noneMatch(m -> m.userId() == me.userId() && m.active())) {
            throw ChatService.notMember(chatId);
        }
        boolean direct = chats.chat(chatId).map(c -> c.kind() == ChatKind.DIRECT).orElse(false);
        Signal signal = new Signal.Typing(chatId, me.userId(), state);
        for (Member m : members) {
            if (!m.active() || m.userId() == me.userId()) {
                continue;
            }
            if (direct && contacts.blockedEitherWay(me.userId(), m.userId())) {
                continue;
            }
            connections.connectionsOf(m.userId()).forEach(c -> c.signal(signal));
        }
    }
}

package dev.parley.core.service;

import dev.parley.core.model.Presence;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Signal;
import dev.parley.core.port.Connection;
import dev.parley.core.port.LastSeenStore;
import dev.parley.core.port.PresenceRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Online status and last seen (ARCHITECTURE.md §2.7): feeds the {@link PresenceRegistry} from connections,
 * keeps who watches whom, tells watching connections when a presence changed, and decides what a viewer may see.
 *
 * <p>Visibility of each field (online, last seen) from subject S to viewer V: never if either blocked the other;
 * otherwise S's setting must allow V (everyone, or contacts with V in S's contacts) and, reciprocally as in
 * WhatsApp, V's own setting for that field must allow S.
 */
public final class PresenceService {

    /** What a viewer sees: {@code online} null when hidden, {@code lastSeen} null when hidden, unknown or online. */
    public record Visible(long userId, Boolean online, Instant lastSeen) {
    }

    private final PresenceRegistry registry;
    private final LastSeenStore lastSeenStore;
    private final ContactService contacts;
    private final AccountService accounts;
    private final ChatService chats;
    private final Clock clock;
    private final Map<Long, Set<Connection>> watchersOf = new ConcurrentHashMap<>();
    private final Map<Connection, Set<Long>> watchedBy = new ConcurrentHashMap<>();

    public PresenceService(PresenceRegistry registry, LastSeenStore lastSeenStore, ContactService contacts,
                           AccountService accounts, ChatService chats, Clock clock) {
        this.registry = registry;
        this.lastSeenStore = lastSeenStore;
        this.contacts = contacts;
        this.accounts = accounts;
        this.chats = chats;
        this.clock = clock;
    }

    public void connected(Connection c, long connectionId) {
        registry.connected(c.userId(), connectionId, clock.instant()).ifPresent(this::changed);
    }

    public void heartbeat(Connection c, long connectionId) {
        registry.heartbeat(c.userId(), connectionId, clock.instant()).ifPresent(this::changed);
    }

    public void disconnected(Connection c, long connectionId) {
        registry.disconnected(c.userId(), connectionId, clock.instant());
        Set<Long> watched = watchedBy.remove(c);
        if (watched != null) {
            watched.forEach(id -> watchersOf.computeIfPresent(id, (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            }));
        }
    }

    /** Ends grace periods and applies heartbeat timeouts; persists and announces who went offline. */
    public void sweep() {
        for (Presence p : registry.sweep(clock.instant())) {
            lastSeenStore.saveLastSeen(p.userId(), p.lastSeen());
            changed(p);
        }
    }

    /** The users a connection of {@code userId} watches without asking: contacts and direct-chat peers. */
    public Set<Long> implicitWatchSet(long userId) {
        Set<Long> ids = new LinkedHashSet<>();
        contacts.contactList(userId).forEach(c -> ids.add(c.userId()));
        ids.addAll(chats.directPeers(userId));
        return ids;
    }

    public void watch(Connection c, Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return; // no empty set per connection that watches nobody (most idle connections)
        }
        watchedBy.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).addAll(userIds);
        userIds.forEach(id -> watchersOf.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(c));
    }

    /** A user's privacy settings changed: whoever watches them should re-read. */
    public void settingsChanged(long userId) {
        changed(new Presence(userId, false, null));
    }

    /** {@code subjectId}'s presence as {@code viewerId} may see it. */
    public Visible visible(long subjectId, long viewerId) {
        Presence p = registry.presence(subjectId);
        boolean showOnline = maysee(subjectId, viewerId, Settings::online);
        boolean showLastSeen = maysee(subjectId, viewerId, Settings::lastSeen);
        if (p.online() && showOnline) {
            return new Visible(subjectId, Boolean.TRUE, null);
        }
        // Offline, or online but hidden: show the last *recorded* last seen, so a missing value cannot reveal "online".
        Instant lastSeen = p.lastSeen() != null ? p.lastSeen() : lastSeenStore.lastSeen(subjectId).orElse(null);
        Boolean online = showOnline ? Boolean.FALSE : null;
        return new Visible(subjectId, online, showLastSeen ? lastSeen : null);
    }

    private boolean maysee(long subjectId, long viewerId, Function<Settings, Settings.Visibility> field) {
        if (subjectId == viewerId) {
            return true;
        }
        if (contacts.blockedEitherWay(subjectId, viewerId)) {
            return false;
        }
        return allows(subjectId, viewerId, field) && allows(viewerId, subjectId, field);
    }

    /** Whether {@code ownerId}'s setting for the field lets {@code viewerId} see it. */
    private boolean allows(long ownerId, long viewerId, Function<Settings, Settings.Visibility> field) {
        return switch (field.apply(accounts.settings(ownerId))) {
            case EVERYONE -> true;
            case CONTACTS -> contacts.isContact(ownerId, viewerId);
            case NOBODY -> false;
        };
    }

    private void changed(Presence p) {
        Set<Connection> watchers = watchersOf.get(p.userId());
        if (watchers != null) {
            Signal signal = new Signal.PresenceChanged(p.userId());
            watchers.forEach(c -> c.signal(signal));
        }
    }
}

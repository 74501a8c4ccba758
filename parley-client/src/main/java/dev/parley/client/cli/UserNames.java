package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/** Display names of users for printing, looked up once each; "me" for the logged-in user. Thread-safe. */
final class UserNames {
    private final long selfId;
    private final LongFunction<Views.User> lookup;
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    /** @param lookup finds a user by id (over HTTP); may throw, then the user shows as "user N" */
    UserNames(long selfId, LongFunction<Views.User> lookup) {
        this.selfId = selfId;
        this.lookup = lookup;
    }

    /** Caches a user already at hand (a chat's peer), saving a lookup. */
    void remember(Views.User user) {
        if (user != null) {
            names.put(user.id(), shortName(user));
        }
    }

    /** True for the logged-in user. */
    boolean isSelf(long userId) {
        return userId == selfId;
    }

    /** The user's display name ("me" for the logged-in user), looked up once. */
    String of(long userId) {
        if (userId == selfId) {
            return "me";
        }
        return names.computeIfAbsent(userId, id -> {
            try {
                return shortName(lookup.apply(id));
            } catch (RuntimeException e) {
                return "user " + id;
            }
        });
    }

    /** The display name, else @username, else the phone. */
    static String shortName(Views.User user) {
        if (user.displayName() != null && !user.displayName().isBlank()) {
            return user.displayName();
        }
        return user.username() != null ? "@" + user.username() : user.phone();
    }

    /** "Alice (@alice)", or "Alice (+14155550100)". */
    static String label(Views.User user) {
        String handle = user.username() != null ? "@" + user.username() : user.phone();
        return user.displayName() == null || user.displayName().isBlank() ? handle
                : user.displayName() + " (" + handle + ")";
    }
}

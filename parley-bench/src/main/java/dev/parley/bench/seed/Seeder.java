package dev.parley.bench.seed;

import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Message;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.User;
import dev.parley.core.service.MessageIds;
import dev.parley.core.service.Tokens;
import dev.parley.store.sql.SqlStores;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Creates the population of a scenario through the server's own store classes ({@link SqlStores} on the SQLite
 * file the server will open), before the server starts: users, one device (bearer token) per user, direct chats
 * and groups. Calls are issued from many virtual threads at once so the store's single writer commits them in
 * batches (group commit) — tens of thousands of accounts take seconds, and no HTTP login (Argon2) is involved.
 * The users' password hash is a placeholder: bench users never log in over HTTP.
 */
public final class Seeder implements AutoCloseable {
    /** A bench user and its device, ready to authenticate a WebSocket. */
    public record Account(long userId, long deviceId, String token) {
    }

    private static final String NO_PASSWORD = "bench-user-without-password";

    private final SqlStores stores;
    private final Clock clock = Clock.systemUTC();
    private final Tokens tokens = new Tokens(new SecureRandom());
    private final MessageIds ids = new MessageIds(clock, new SecureRandom());
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public Seeder(SqlStores stores) {
        this.stores = stores;
    }

    /** Creates {@code n} users named {@code prefix0 …}; devices are added separately ({@link #devices}). */
    public List<User> users(String prefix, int n) {
        return all(n, i -> stores.accounts().createUser(
                new NewUser(prefix + i, null, prefix + i, NO_PASSWORD, clock.instant())));
    }

    /**
     * One device per user. A device's acknowledged cursor starts at its user's head, so add devices after the
     * chats and groups: the connections then start with no backlog.
     */
    public List<Account> devices(List<User> users) {
        return all(users.size(), i -> {
            String token = tokens.newToken();
            var device = stores.accounts().addDevice(users.get(i).id(), "bench", Tokens.hash(token), clock.instant());
            return new Account(users.get(i).id(), device.id(), token);
        });
    }

    /** Direct chats of the pairs (users[2k], users[2k+1]); returns the chat id of each pair. */
    public List<Long> pairs(List<User> users) {
        return all(users.size() / 2, k -> stores.chats()
                .openDirect(users.get(2 * k).id(), users.get(2 * k + 1).id(), clock.instant()).id());
    }

    /** Groups of consecutive {@code size} users (the first of each owns it); returns the chat id of each group. */
    public List<Long> groups(List<User> users, int size, String name) {
        int count = users.size() / size;
        return all(count, g -> {
            List<User> members = users.subList(g * size, (g + 1) * size);
            List<Long> others = members.subList(1, size).stream().map(User::id).toList();
            Message created = stores.groups().create(new NewGroup(members.get(0).id(), 0, ids.next(),
                    new GroupInfo(name + " " + g, null, null), GroupSettings.DEFAULTS, others, Math.max(size, 1024),
                    clock.instant()));
            return created.chatId();
        });
    }

    /** Runs {@code task(0 … n-1)} concurrently (one virtual thread each) and returns the results in order. */
    private <T> List<T> all(int n, IntFunction<T> task) {
        List<Future<T>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(threads.submit(() -> task.apply(k)));
        }
        List<T> out = new ArrayList<>(n);
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while seeding", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        threads.close();
    }
}

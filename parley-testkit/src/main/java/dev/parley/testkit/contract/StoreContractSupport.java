package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Device;
import dev.parley.core.model.Draft;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Update;
import dev.parley.core.model.User;
import dev.parley.core.port.GroupCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every contract suite shares: a fresh {@link Stores} per test (from the adapter's {@link #newStores()}),
 * a {@link RecordingListener} registered on it, a strictly increasing millisecond clock and helpers to create
 * accounts, chats and messages.
 */
public abstract class StoreContractSupport {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    protected Stores stores;
    protected final RecordingListener listener = new RecordingListener();
    private final AtomicLong millis = new AtomicLong();
    private final AtomicInteger tokens = new AtomicInteger();

    /** The ten ports on ONE new, empty database; {@link Stores#closer()} is called after the test. */
    protected abstract Stores newStores() throws Exception;

    @BeforeEach
    final void openStores() throws Exception {
        stores = newStores();
        stores.updates().listen(listener);
    }

    @AfterEach
    final void closeStores() throws Exception {
        if (stores != null) {
            stores.closer().close();
        }
    }

    /** A user and one live device of theirs. */
    protected record Account(User user, Device device) {
        public long id() {
            return user.id();
        }
    }

    /** A strictly increasing instant with millisecond precision (what the stores keep). */
    protected Instant now() {
        return START.plusMillis(millis.incrementAndGet());
    }

    protected User user(String username) {
        return stores.accounts().createUser(new NewUser(username, null, "Name of " + username,
                "hash-of-" + username, now()));
    }

    protected Account account(String username) {
        User user = user(username);
        return new Account(user, device(user.id()));
    }

    protected Device device(long userId) {
        String token = "token-" + userId + "-" + tokens.incrementAndGet();
        return stores.accounts().addDevice(userId, "device " + token, sha256(token), now());
    }

    protected Chat direct(Account a, Account b) {
        return stores.chats().openDirect(a.id(), b.id(), now());
    }

    protected Draft draft(long chatId, Account from, String clientId, String text) {
        return new Draft(chatId, UUID.randomUUID().toString(), from.id(), from.device().id(), clientId,
                MessageKind.TEXT, text, null, now());
    }

    /** Appends a new message and checks it was stored as new. */
    protected Message send(Chat chat, Account from, String text) {
        AppendResult result = stores.messages().append(draft(chat.id(), from, UUID.randomUUID().toString(), text));
        assertThat(result).as("append by user %d to chat %d", from.id(), chat.id())
                .isInstanceOf(AppendResult.Appended.class);
        AppendResult.Appended appended = (AppendResult.Appended) result;
        assertThat(appended.duplicate()).as("a fresh clientId is never a duplicate").isFalse();
        return appended.message();
    }

    /** A group of {@code creator} (OWNER) and {@code members}, default settings; returns its chat. */
    protected Chat group(Account creator, Account... members) {
        return group(creator, GroupSettings.DEFAULTS, members);
    }

    protected Chat group(Account creator, GroupSettings settings, Account... members) {
        Message created = createGroup(creator, settings, members);
        return stores.chats().chat(created.chatId()).orElseThrow();
    }

    /** Creates a group named "Group of &lt;creator&gt;"; returns its CREATED entry. */
    protected Message createGroup(Account creator, GroupSettings settings, Account... members) {
        List<Long> ids = Arrays.stream(members).map(Account::id).toList();
        return stores.groups().create(new NewGroup(creator.id(), creator.device().id(), UUID.randomUUID().toString(),
                new GroupInfo("Group of " + creator.user().username(), null, null), settings, ids, 256, now()));
    }

    /** Applies the command as {@code actor} and returns the system entry (the chat must be a group). */
    protected Message apply(Chat chat, Account actor, GroupCommand command) {
        return stores.groups().apply(chat.id(), actor.id(), actor.device().id(), UUID.randomUUID().toString(),
                command, now()).orElseThrow(() -> new AssertionError("chat " + chat.id() + " is not a group"));
    }

    /** The device of {@code account} acknowledges its whole stream. */
    protected void ackAll(Account account) {
        stores.receipts().acknowledge(account.id(), account.device().id(), stores.updates().head(account.id()));
    }

    /** The user's whole update stream. */
    protected List<Update> stream(long userId) {
        return stores.updates().read(userId, 0, 100_000);
    }

    protected static List<Long> cursors(List<Update> updates) {
        return updates.stream().map(Update::cursor).toList();
    }

    /** 1, 2, … n. */
    protected static List<Long> oneTo(long n) {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            values.add(i);
        }
        return values;
    }

    protected static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * Runs {@code work(0 … threads-1)} on that many virtual threads released at the same moment; returns the
     * results in thread order and rethrows the first failure.
     */
    protected static <T> List<T> concurrently(int threads, IntFunction<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return work.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(unwrap(future));
            }
            return results;
        }
    }

    private static <T> T unwrap(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}

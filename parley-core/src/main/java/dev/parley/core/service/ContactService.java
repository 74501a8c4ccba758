package dev.parley.core.service;

import dev.parley.core.model.Contact;
import dev.parley.core.model.User;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ContactStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Contact lists, contact-book sync and blocking. Contact and block sets are cached per user (they are read on
 * every presence check and every direct send); writes go through this service, which keeps the cache exact
 * on one node.
 */
public final class ContactService {
    /** Numbers per lookupPhones request. */
    public static final int MAX_PHONES_PER_REQUEST = 1000;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final ContactStore store;
    private final AccountStore accounts;
    private final RateLimiter dailyLookups;
    private final Clock clock;
    private final Map<Long, Set<Long>> contactsOf = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> blockedBy = new ConcurrentHashMap<>();

    /** {@code dailyLookups}: a bucket of phone numbers per user refilling over a day. */
    public ContactService(ContactStore store, AccountStore accounts, RateLimiter dailyLookups, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.dailyLookups = dailyLookups;
        this.clock = clock;
    }

    public Contact addContact(long ownerId, long userId, String name) {
        if (ownerId == userId) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "userId " + userId + " is yourself");
        }
        User user = accounts.userById(userId)
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no user with id " + userId));
        String label = name == null || name.isBlank() ? user.displayName() : name.strip();
        Contact contact = store.addContact(ownerId, userId, label, clock.instant());
        contacts(ownerId).add(userId);
        return contact;
    }

    /** Idempotent: removing someone who is not a contact succeeds (a retried request must not fail). */
    public void removeContact(long ownerId, long userId) {
        store.removeContact(ownerId, userId);
        contacts(ownerId).remove(userId);
    }

    public List<Contact> contactList(long ownerId) {
        return store.contacts(ownerId);
    }

    public boolean isContact(long ownerId, long userId) {
        return contacts(ownerId).contains(userId);
    }

    /** Which of {@code phones} belong to users, in request order; malformed numbers are skipped. */
    public Map<String, User> lookupPhones(long callerId, List<String> phones) {
        if (phones.size() > MAX_PHONES_PER_REQUEST) {
            throw new ServiceException(Failure.INVALID_ARGUMENT,
                    "at most " + MAX_PHONES_PER_REQUEST + " phones per request, got " + phones.size());
        }
        if (!dailyLookups.tryAcquire(callerId, phones.size())) {
            throw new ServiceException(Failure.RATE_LIMITED, "daily phone lookup quota used up; try again tomorrow");
        }
        Map<String, User> found = new LinkedHashMap<>();
        for (String phone : phones) {
            if (phone != null && E164.matcher(phone).matches() && !found.containsKey(phone)) {
                accounts.userByPhone(phone).ifPresent(u -> found.put(phone, u));
            }
        }
        return found;
    }

    public void block(long blockerId, long blockedId) {
        if (blockerId == blockedId) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "userId " + blockedId + " is yourself");
        }
        if (accounts.userById(blockedId).isEmpty()) {
            throw new ServiceException(Failure.NOT_FOUND, "no user with id " + blockedId);
        }
        store.block(blockerId, blockedId, clock.instant());
        blocks(blockerId).add(blockedId);
    }

    /** Idempotent: unblocking someone who is not blocked succeeds. */
    public void unblock(long blockerId, long blockedId) {
        store.unblock(blockerId, blockedId);
        blocks(blockerId).remove(blockedId);
    }

    public List<User> blockedUsers(long blockerId) {
        List<User> users = new ArrayList<>();
        for (long id : store.blocked(blockerId)) {
            accounts.userById(id).ifPresent(users::add);
        }
        return users;
    }

    /** Whether {@code blockerId} blocked {@code blockedId}. */
    public boolean hasBlocked(long blockerId, long blockedId) {
        return blocks(blockerId).contains(blockedId);
    }

    /** Whether either user blocked the other. */
    public boolean blockedEitherWay(long a, long b) {
        return hasBlocked(a, b) || hasBlocked(b, a);
    }

    private Set<Long> contacts(long ownerId) {
        return contactsOf.computeIfAbsent(ownerId, id -> concurrentSet(store.contacts(id).stream().map(Contact::userId).toList()));
    }

    private Set<Long> blocks(long blockerId) {
        return blockedBy.computeIfAbsent(blockerId, id -> concurrentSet(store.blocked(id)));
    }

    private static Set<Long> concurrentSet(List<Long> ids) {
        Set<Long> set = ConcurrentHashMap.newKeySet();
        set.addAll(ids);
        return set;
    }
}

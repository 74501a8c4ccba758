package dev.parley.core.service;

import dev.parley.core.model.Device;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Settings;
import dev.parley.core.model.User;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ConflictException;
import dev.parley.core.port.Connection;
import dev.parley.core.port.ConnectionRegistry;
import dev.parley.core.port.PasswordHasher;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registration, login, devices, tokens and settings. */
public final class AccountService {

    /** Result of a login: the new device and its bearer token (shown once, stored only as a hash). */
    public record Login(long userId, long deviceId, String token) {
    }

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final ConnectionRegistry connections;
    private final Clock clock;
    private final Object dummyLock = new Object();
    /** The hash an unknown login is verified against; made on first need (it costs as much as a login). */
    private volatile String dummyHash;
    private final Map<Long, Settings> settingsCache = new ConcurrentHashMap<>();

    public AccountService(AccountStore store, PasswordHasher hasher, Tokens tokens, ConnectionRegistry connections,
                          Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * Makes the timing-equalization hash now unless it exists. Not needed for correctness (a login makes it on first
     * need) but the server calls it in the background right after start, so that even the first unknown login costs
     * exactly one verification, like a known one, and the start itself does not wait for an Argon2 hash.
     */
    public void prepareTimingEqualizer() {
        dummyHash();
    }

    public User register(String username, String phone, String displayName, String password) {
        String name = AccountRules.username(username);
        String number = AccountRules.phone(phone);
        if (name == null && number == null) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "either 'username' or 'phone' is required");
        }
        AccountRules.checkPassword(password, name);
        String display = AccountRules.displayName(displayName, name != null ? name : number);
        try {
            return store.createUser(new NewUser(name, number, display, hasher.hash(password), clock.instant()));
        } catch (ConflictException e) {
            Failure f = "phone".equals(e.field()) ? Failure.PHONE_TAKEN : Failure.USERNAME_TAKEN;
            throw new ServiceException(f, e.field() + " is already registered");
        }
    }

    /** Logs in with a username or E.164 phone number; creates a device named {@code deviceName}. */
    public Login login(String login, String password, String deviceName) {
        String name = AccountRules.deviceName(deviceName);
        if (login == null || password == null) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "fields 'login' and 'password' are required");
        }
        Optional<User> user = findByLogin(login.trim());
        Optional<String> hash = user.flatMap(u -> store.passwordHash(u.id()));
        // An unknown login is verified against a dummy hash: it costs the same as a wrong password (no user probing).
        boolean ok = hasher.verify(password, hash.orElseGet(this::dummyHash)) && hash.isPresent();
        if (!ok) {
            throw new ServiceException(Failure.BAD_CREDENTIALS, "login or password is wrong");
        }
        String token = tokens.newToken();
        Device device = store.addDevice(user.get().id(), name, Tokens.hash(token), clock.instant());
        return new Login(device.userId(), device.id(), token);
    }

    /** The live device a bearer token belongs to; empty for unknown or revoked tokens. */
    public Optional<DeviceIdentity> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        return store.deviceByTokenHash(Tokens.hash(token));
    }

    public List<Device> devices(DeviceIdentity caller) {
        return store.devices(caller.userId());
    }

    /** Revokes one of the caller's devices (itself included: logout); its connections close at once. */
    public void revoke(DeviceIdentity caller, long deviceId) {
        if (!store.revokeDevice(caller.userId(), deviceId, clock.instant())) {
            throw new ServiceException(Failure.NOT_FOUND, "no live device " + deviceId + " of this user");
        }
        connections.closeDevice(caller.userId(), deviceId, Connection.CloseReason.DEVICE_REVOKED);
    }

    public User user(long userId) {
        return store.userById(userId)
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no user with id " + userId));
    }

    public User userByUsername(String username) {
        return store.userByUsername(username.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no user with username '" + username + "'"));
    }

    public User userByPhone(String phone) {
        return store.userByPhone(phone)
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no user with phone '" + phone + "'"));
    }

    /** Settings of a user, cached (writes go through {@link #updateSettings}). */
    public Settings settings(long userId) {
        return settingsCache.computeIfAbsent(userId, id -> user(id).settings());
    }

    /** Changes the given settings (null: unchanged). */
    public User updateSettings(long userId, Boolean readReceipts, Settings.Visibility lastSeen, Settings.Visibility online) {
        Settings current = settings(userId);
        Settings next = new Settings(readReceipts != null ? readReceipts : current.readReceipts(),
                lastSeen != null ? lastSeen : current.lastSeen(), online != null ? online : current.online());
        User updated = store.updateSettings(userId, next);
        settingsCache.put(userId, updated.settings());
        return updated;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h != null) {
            return h;
        }
        synchronized (dummyLock) {
            if (dummyHash == null) {
                dummyHash = hasher.hash("timing-equalizer-" + tokens.newToken());
            }
            return dummyHash;
        }
    }

    private Optional<User> findByLogin(String login) {
        return login.startsWith("+") ? store.userByPhone(login) : store.userByUsername(login.toLowerCase(Locale.ROOT));
    }
}

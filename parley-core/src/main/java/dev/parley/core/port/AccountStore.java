package dev.parley.core.port;

import dev.parley.core.model.Device;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Settings;
import dev.parley.core.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users and their devices. Usernames are stored lower-case; tokens only as SHA-256 hashes.
 * Every write is durable when the method returns.
 */
public interface AccountStore {

    /** Creates a user with {@link Settings#DEFAULTS}. Throws {@link ConflictException} for a taken username or phone. */
    User createUser(NewUser user);

    Optional<User> userById(long userId);

    /** {@code username} is matched lower-case. */
    Optional<User> userByUsername(String username);

    Optional<User> userByPhone(String phone);

    /** The stored password hash of a user, or empty if the user does not exist. */
    Optional<String> passwordHash(long userId);

    /**
     * Adds a device whose bearer token hashes to {@code tokenHash}. Its acknowledged cursor starts at the
     * user's current update-stream head: a new device does not replay old updates.
     */
    Device addDevice(long userId, String name, byte[] tokenHash, Instant now);

    /** The live (not revoked) device whose token hashes to {@code tokenHash}. */
    Optional<DeviceIdentity> deviceByTokenHash(byte[] tokenHash);

    /** Live devices of a user, oldest first. */
    List<Device> devices(long userId);

    /** Revokes a live device of {@code userId}; false when there is no such live device. Its token stops working. */
    boolean revokeDevice(long userId, long deviceId, Instant now);

    /** Replaces the user's settings; returns the updated user. */
    User updateSettings(long userId, Settings settings);
}

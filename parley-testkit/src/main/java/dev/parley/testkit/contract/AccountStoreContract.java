package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.Device;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Settings.Visibility;
import dev.parley.core.model.User;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ConflictException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link AccountStore}. */
public abstract class AccountStoreContract extends StoreContractSupport {

    private AccountStore accounts() {
        return stores.accounts();
    }

    @Test
    void createUserStoresLowerCaseUsernameAndDefaultSettings() {
        Instant at = now();
        User created = accounts().createUser(new NewUser("Alice", "+4915100000001", "Alice A.", "h1", at));

        assertThat(created.id()).isPositive();
        assertThat(created.username()).isEqualTo("alice");
        assertThat(created.phone()).isEqualTo("+4915100000001");
        assertThat(created.displayName()).isEqualTo("Alice A.");
        assertThat(created.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(created.createdAt()).isEqualTo(at);
        assertThat(accounts().userById(created.id())).contains(created);
        assertThat(accounts().passwordHash(created.id())).contains("h1");
    }

    @Test
    void usersAreFoundByUsernameIgnoringCaseAndByPhone() {
        User alice = accounts().createUser(new NewUser("alice", "+4915100000001", "A", "h", now()));

        assertThat(accounts().userByUsername("ALICE")).contains(alice);
        assertThat(accounts().userByUsername("aLiCe")).contains(alice);
        assertThat(accounts().userByPhone("+4915100000001")).contains(alice);
        assertThat(accounts().userByUsername("bob")).isEmpty();
        assertThat(accounts().userByPhone("+4915100000002")).isEmpty();
    }

    @Test
    void unknownUsersAreEmpty() {
        assertThat(accounts().userById(424242)).isEmpty();
        assertThat(accounts().passwordHash(424242)).isEmpty();
    }

    @Test
    void takenUsernameInAnyCaseIsAConflictOnUsername() {
        accounts().createUser(new NewUser("alice", "+4915100000001", "A", "h", now()));

        assertThatThrownBy(() -> accounts().createUser(new NewUser("ALICE", "+4915100000002", "B", "h", now())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThat(accounts().userByPhone("+4915100000002")).as("the refused user is not stored").isEmpty();
    }

    @Test
    void takenPhoneIsAConflictOnPhone() {
        accounts().createUser(new NewUser("alice", "+4915100000001", "A", "h", now()));

        assertThatThrownBy(() -> accounts().createUser(new NewUser("bob", "+4915100000001", "B", "h", now())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("phone"));
        assertThat(accounts().userByUsername("bob")).as("the refused user is not stored").isEmpty();
    }

    @Test
    void usernameOrPhoneMayBeAbsentAndAbsenceNeverConflicts() {
        User byPhone1 = accounts().createUser(new NewUser(null, "+4915100000001", "P1", "h", now()));
        User byPhone2 = accounts().createUser(new NewUser(null, "+4915100000002", "P2", "h", now()));
        User byName1 = accounts().createUser(new NewUser("carol", null, "C", "h", now()));
        User byName2 = accounts().createUser(new NewUser("dave", null, "D", "h", now()));

        assertThat(List.of(byPhone1.id(), byPhone2.id(), byName1.id(), byName2.id())).doesNotHaveDuplicates();
        assertThat(byPhone1.username()).isNull();
        assertThat(byName1.phone()).isNull();
    }

    @Test
    void concurrentRegistrationsOfOneUsernameLetExactlyOneWin() throws Exception {
        List<String> outcomes = concurrently(8, i -> {
            try {
                accounts().createUser(new NewUser("Zoe", "+49151000000" + (10 + i), "Z", "h", now()));
                return "created";
            } catch (ConflictException e) {
                return "conflict:" + e.field();
            }
        });

        assertThat(outcomes).containsOnlyOnce("created");
        assertThat(outcomes).filteredOn(o -> !o.equals("created")).hasSize(7).containsOnly("conflict:username");
    }

    @Test
    void newDeviceStartsAtTheUsersCurrentHead() {
        Account alice = account("alice");
        Account bob = account("bob");
        var chat = direct(alice, bob);
        send(chat, alice, "one");
        send(chat, bob, "two");
        long head = stores.updates().head(alice.id());
        assertThat(head).as("ChatCreated + 2 MessageAdded").isEqualTo(3);

        Instant at = now();
        Device device = accounts().addDevice(alice.id(), "Laptop", sha256("laptop-token"), at);

        assertThat(device.userId()).isEqualTo(alice.id());
        assertThat(device.name()).isEqualTo("Laptop");
        assertThat(device.createdAt()).isEqualTo(at);
        assertThat(device.ackedCursor()).isEqualTo(head);
        assertThat(stores.updates().ackedCursor(device.id())).isEqualTo(head);
    }

    @Test
    void tokenHashFindsTheLiveDevice() {
        User alice = user("alice");
        Device device = accounts().addDevice(alice.id(), "Phone", sha256("secret-1"), now());

        assertThat(accounts().deviceByTokenHash(sha256("secret-1")))
                .contains(new DeviceIdentity(alice.id(), device.id()));
        assertThat(accounts().deviceByTokenHash(sha256("secret-2"))).isEmpty();
    }

    @Test
    void revokedDeviceIsNoLongerFoundNorListed() {
        User alice = user("alice");
        Device phone = accounts().addDevice(alice.id(), "Phone", sha256("phone-token"), now());
        Device laptop = accounts().addDevice(alice.id(), "Laptop", sha256("laptop-token"), now());

        assertThat(accounts().revokeDevice(alice.id(), phone.id(), now())).isTrue();

        assertThat(accounts().deviceByTokenHash(sha256("phone-token"))).isEmpty();
        assertThat(accounts().deviceByTokenHash(sha256("laptop-token")))
                .contains(new DeviceIdentity(alice.id(), laptop.id()));
        assertThat(accounts().devices(alice.id())).extracting(Device::id).containsExactly(laptop.id());
        assertThat(accounts().revokeDevice(alice.id(), phone.id(), now())).as("already revoked").isFalse();
    }

    @Test
    void onlyTheOwnerCanRevokeADevice() {
        User alice = user("alice");
        User mallory = user("mallory");
        Device phone = accounts().addDevice(alice.id(), "Phone", sha256("phone-token"), now());

        assertThat(accounts().revokeDevice(mallory.id(), phone.id(), now())).isFalse();
        assertThat(accounts().revokeDevice(alice.id(), 987654, now())).isFalse();
        assertThat(accounts().deviceByTokenHash(sha256("phone-token"))).isPresent();
    }

    @Test
    void devicesAreListedOldestFirstPerUser() {
        User alice = user("alice");
        User bob = user("bob");
        Device first = accounts().addDevice(alice.id(), "first", sha256("t1"), now());
        accounts().addDevice(bob.id(), "bobs", sha256("t2"), now());
        Device second = accounts().addDevice(alice.id(), "second", sha256("t3"), now());

        assertThat(accounts().devices(alice.id())).containsExactly(first, second);
        assertThat(accounts().devices(424242)).isEmpty();
    }

    @Test
    void updateSettingsIsStored() {
        User alice = user("alice");

        User updated = accounts().updateSettings(alice.id(),
                new Settings(false, Visibility.EVERYONE, Visibility.EVERYONE));

        assertThat(updated.settings().readReceipts()).isFalse();
        assertThat(updated.id()).isEqualTo(alice.id());
        assertThat(accounts().userById(alice.id()).orElseThrow().settings().readReceipts()).isFalse();
        assertThat(accounts().updateSettings(alice.id(), Settings.DEFAULTS).settings()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void everySettingRoundTripsInEveryCombination() {
        User alice = user("alice");

        for (Visibility lastSeen : Visibility.values()) {
            for (Visibility online : Visibility.values()) {
                Settings settings = new Settings(lastSeen.ordinal() % 2 == 0, lastSeen, online);

                assertThat(accounts().updateSettings(alice.id(), settings).settings()).isEqualTo(settings);
                assertThat(accounts().userById(alice.id()).orElseThrow().settings())
                        .as("stored settings after writing %s", settings).isEqualTo(settings);
            }
        }
    }

    @Test
    void settingsAreFoundByEveryLookupAndAreOnlyTheUsersOwn() {
        User alice = accounts().createUser(new NewUser("alice", "+4915100000001", "A", "h", now()));
        User bob = user("bob");
        Settings privateOnes = new Settings(false, Visibility.CONTACTS, Visibility.NOBODY);

        accounts().updateSettings(alice.id(), privateOnes);

        assertThat(accounts().userByUsername("alice").orElseThrow().settings()).isEqualTo(privateOnes);
        assertThat(accounts().userByPhone("+4915100000001").orElseThrow().settings()).isEqualTo(privateOnes);
        assertThat(accounts().userById(bob.id()).orElseThrow().settings()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void updateSettingsOfAnUnknownUserIsRefused() {
        Settings settings = new Settings(false, Visibility.NOBODY, Visibility.NOBODY);

        assertThatThrownBy(() -> accounts().updateSettings(424242, settings)).isInstanceOf(RuntimeException.class);
        assertThat(accounts().userById(424242)).isEmpty();
    }
}

package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.Contact;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Settings.Visibility;
import dev.parley.core.model.User;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite file keeps of presence and contacts across a restart, and what its schema refuses. */
class SqlitePresenceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void lastSeenSettingsContactsAndBlocksSurviveAReopen() {
        Settings privateOnes = new Settings(false, Visibility.CONTACTS, Visibility.NOBODY);
        long alice;
        long bob;
        try (SqlStores stores = open()) {
            alice = user(stores, "alice");
            bob = user(stores, "bob");
            stores.lastSeen().saveLastSeen(alice, T0.plusSeconds(60));
            stores.accounts().updateSettings(alice, privateOnes);
            stores.contacts().addContact(alice, bob, "Bob", T0);
            stores.contacts().block(bob, alice, T0.plusSeconds(1));
        }

        try (SqlStores stores = open()) {
            assertThat(stores.lastSeen().lastSeen(alice)).contains(T0.plusSeconds(60));
            assertThat(stores.lastSeen().lastSeen(bob)).isEmpty();
            assertThat(stores.accounts().userById(alice).orElseThrow().settings()).isEqualTo(privateOnes);
            assertThat(stores.contacts().contacts(alice)).containsExactly(new Contact(alice, bob, "Bob", T0));
            assertThat(stores.contacts().blocked(bob)).containsExactly(alice);

            stores.lastSeen().saveLastSeen(alice, T0.plusSeconds(30));
            assertThat(stores.lastSeen().lastSeen(alice)).as("an earlier time after the restart is ignored")
                    .contains(T0.plusSeconds(60));
        }
    }

    @Test
    void unknownUserIsNamedInTheRefusal() {
        try (SqlStores stores = open()) {
            long alice = user(stores, "alice");

            assertThatThrownBy(() -> stores.contacts().addContact(alice, 777, "Ghost", T0))
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining("777");
            assertThatThrownBy(() -> stores.contacts().block(888, alice, T0))
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining("888");
        }
    }

    @Test
    void theSchemaRefusesAnUnknownVisibility() throws SQLException {
        try (SqlStores stores = open()) {
            long alice = user(stores, "alice");
            stores.database().write(tx -> {
                try (Statement statement = tx.connection().createStatement()) {
                    assertThatThrownBy(() -> statement.executeUpdate(
                            "UPDATE users SET online_visibility = 'FRIENDS' WHERE id = " + alice))
                            .isInstanceOf(SQLException.class).hasMessageContaining("CHECK");
                }
                return null;
            });
            assertThat(stores.accounts().userById(alice).orElseThrow().settings()).isEqualTo(Settings.DEFAULTS);
        }
    }

    private SqlStores open() {
        return SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC());
    }

    private static long user(SqlStores stores, String name) {
        User user = stores.accounts().createUser(new NewUser(name, null, name, "hash", T0));
        return user.id();
    }
}

package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Settings;
import dev.parley.core.model.Settings.Visibility;
import dev.parley.core.model.User;
import dev.parley.core.port.LastSeenStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract of {@link LastSeenStore}: one time per user that only moves forward. */
public abstract class LastSeenStoreContract extends StoreContractSupport {

    private LastSeenStore lastSeen() {
        return stores.lastSeen();
    }

    @Test
    void aUserNeverSeenHasNoLastSeen() {
        User alice = user("alice");

        assertThat(lastSeen().lastSeen(alice.id())).isEmpty();
        assertThat(lastSeen().lastSeen(424242)).as("unknown user").isEmpty();
    }

    @Test
    void savedTimeIsReadBack() {
        User alice = user("alice");
        Instant at = now();

        lastSeen().saveLastSeen(alice.id(), at);

        assertThat(lastSeen().lastSeen(alice.id())).contains(at);
    }

    @Test
    void aLaterTimeWins() {
        User alice = user("alice");
        Instant first = now();
        Instant later = now();

        lastSeen().saveLastSeen(alice.id(), first);
        lastSeen().saveLastSeen(alice.id(), later);

        assertThat(lastSeen().lastSeen(alice.id())).contains(later);
    }

    @Test
    void anEarlierOrEqualTimeIsIgnored() {
        User alice = user("alice");
        Instant earlier = now();
        Instant latest = now();

        lastSeen().saveLastSeen(alice.id(), latest);
        lastSeen().saveLastSeen(alice.id(), earlier);
        lastSeen().saveLastSeen(alice.id(), latest);

        assertThat(lastSeen().lastSeen(alice.id())).contains(latest);
    }

    @Test
    void timesArePerUser() {
        User alice = user("alice");
        User bob = user("bob");
        Instant alicesTime = now();

        lastSeen().saveLastSeen(alice.id(), alicesTime);

        assertThat(lastSeen().lastSeen(bob.id())).isEmpty();
        assertThat(lastSeen().lastSeen(alice.id())).contains(alicesTime);
    }

    @Test
    void lastSeenSurvivesOtherWritesOfTheUser() {
        User alice = user("alice");
        Instant at = now();
        lastSeen().saveLastSeen(alice.id(), at);

        stores.accounts().updateSettings(alice.id(), new Settings(false, Visibility.NOBODY, Visibility.CONTACTS));
        device(alice.id());
        user("bob");

        assertThat(lastSeen().lastSeen(alice.id())).contains(at);
        assertThat(stores.accounts().userById(alice.id()).orElseThrow().settings())
                .as("saving last seen leaves the settings alone")
                .isEqualTo(new Settings(false, Visibility.NOBODY, Visibility.CONTACTS));
    }

    @Test
    void concurrentSavesKeepTheLatest() throws Exception {
        User alice = user("alice");
        Instant base = now();

        concurrently(16, i -> {
            lastSeen().saveLastSeen(alice.id(), base.plusMillis(i * 7L % 16));
            return null;
        });

        assertThat(lastSeen().lastSeen(alice.id())).contains(base.plusMillis(15));
    }
}

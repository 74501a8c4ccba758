package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path dir;

    private final Profile profile = new Profile(URI.create("http://h:1"), "secret", 1, 3, "alice");

    @Test
    void roundTripsOwnerReadableOnly() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("p"));
        store.save(profile);
        assertThat(new ProfileStore(dir.resolve("p")).load()).hasValue(profile);
        Path file = dir.resolve("p").resolve(ProfileStore.PROFILE_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(profile.toString()).doesNotContain("secret");
    }

    @Test
    void aNewLoginForgetsTheCursorAndClearForgetsAll() {
        ProfileStore store = new ProfileStore(dir);
        store.cursorStore().save(12);
        store.save(profile);
        assertThat(store.cursorStore().load()).isEmpty();
        store.cursorStore().save(13);
        store.clear();
        assertThat(store.load()).isEmpty();
        assertThat(store.cursorStore().load()).isEmpty();
    }

    @Test
    void requireExplainsHowToLogIn() {
        assertThatThrownBy(() -> new ProfileStore(dir).require()).isInstanceOf(CliException.class)
                .hasMessageContaining("not logged in").hasMessageContaining("parley login --server URL");
    }

    @Test
    void aDamagedProfileSaysWhatIsMissing() throws Exception {
        Files.writeString(dir.resolve(ProfileStore.PROFILE_FILE), "server=http://h:1\nuserId=1\n");
        assertThatThrownBy(() -> new ProfileStore(dir).load()).isInstanceOf(CliException.class)
                .hasMessageContaining("is damaged (missing 'token')");
    }
}

package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCursorStoreTest {
    @TempDir
    Path dir;

    @Test
    void emptyWhenTheFileDoesNotExist() {
        assertThat(new FileCursorStore(dir.resolve("cursor")).load()).isEmpty();
    }

    @Test
    void roundTripsAndSurvivesANewInstance() {
        Path file = dir.resolve("sub/cursor");
        new FileCursorStore(file).save(41);
        new FileCursorStore(file).save(42);
        assertThat(new FileCursorStore(file).load()).isEqualTo(OptionalLong.of(42));
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aDamagedFileIsReportedWithItsContent() throws Exception {
        Path file = dir.resolve("cursor");
        Files.writeString(file, "banana");
        assertThatThrownBy(() -> new FileCursorStore(file).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("must hold a non-negative integer, got 'banana'");
    }
}

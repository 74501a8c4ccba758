package dev.parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.port.BlobStore;
import dev.parley.testkit.media.BlobStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSystemBlobStore} passes the contract, keeps its layout and refuses names that could leave its root. */
class FileSystemBlobStoreTest extends BlobStoreContract {
    private static final List<String> BAD_NAMES = List.of("", "..", ".", "../escape", "a/b", "a\\b", "/abs", "a.b",
            "name with space", "x".repeat(129), "dé", "a\u0000b");

    @TempDir
    Path temp;
    private Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        root = temp.resolve("store");
        return new FileSystemBlobStore(root);
    }

    @Test
    void filesFollowTheDocumentedLayout() throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);
        assertThat(root.resolve("staging").resolve(upload)).hasBinaryContent(new byte[] {1, 2, 3});

        store.finish(upload, "abcdef");

        assertThat(root.resolve("staging").resolve(upload)).doesNotExist();
        assertThat(root.resolve("blobs/ab/abcdef")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(store.size("abcdef")).contains(3L);
    }

    @Test
    void aOneCharacterKeyIsItsOwnFanOutDirectory() throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(new byte[] {9}), 100);
        store.finish(upload, "k");
        assertThat(root.resolve("blobs/k/k")).hasBinaryContent(new byte[] {9});
    }

    @Test
    void namesThatCouldLeaveTheRootAreRefusedEverywhere() throws IOException {
        for (String bad : BAD_NAMES) {
            refused(bad, name -> store.append(name, 0, new ByteArrayInputStream(new byte[] {1}), 100));
            refused(bad, name -> store.stagedSize(name));
            refused(bad, name -> store.abort(name));
            refused(bad, name -> store.finish(name, "goodkey"));
            refused(bad, name -> store.finish(uploadId(), name));
            refused(bad, name -> store.read(name, 0, 1));
            refused(bad, name -> store.size(name));
            refused(bad, name -> store.delete(name));
        }
        refused(null, name -> store.stagedSize(name));
        refused(null, name -> store.size(name));
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).as("nothing next to the root").containsExactly(root);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).as("no file created").isEmpty();
        }
        assertThat(store.stagedSize("x".repeat(128))).as("128 characters are fine").isZero();
    }

    private static void refused(String name, ThrowingConsumer<String> call) {
        assertThatThrownBy(() -> call.accept(name)).as("name '%s'", name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must match");
    }
}

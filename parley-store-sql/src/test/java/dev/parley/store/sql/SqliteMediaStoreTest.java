package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.NewUser;
import dev.parley.core.port.MediaStore;
import dev.parley.testkit.contract.Stores;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SQL media store does where the port leaves it open: a content passed back to {@code save} after it
 * was collected (its bytes are being deleted) is refused, never revived under the same blob key.
 */
class SqliteMediaStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Stores stores;
    private long owner;

    @BeforeEach
    void open() throws Exception {
        stores = Fixtures.sqlite();
        owner = stores.accounts().createUser(new NewUser("alice", null, "Alice", "hash", T0)).id();
    }

    @AfterEach
    void close() throws Exception {
        stores.closer().close();
    }

    @Test
    void aLiveContentPassedBackAfterItWasCollectedIsRefused() {
        MediaStore media = stores.media();
        MediaContent content = new MediaContent(0, "ab12", 10, "image/png", "blob-1", null, null, null);
        MediaContent stored = media.save(content, item("media-1", content), null).content();
        assertThat(media.collect(T0.plusSeconds(1), 10)).containsExactly(stored);

        assertThatThrownBy(() -> media.save(stored, item("media-2", stored), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("blob-1");

        assertThat(media.item("media-2")).isEmpty();
        assertThat(media.liveContent("ab12", 10)).isEmpty();
        assertThat(media.collect(T0.plusSeconds(1), 10)).as("unchanged: still to be deleted").containsExactly(stored);
    }

    private MediaItem item(String id, MediaContent content) {
        return new MediaItem(id, owner, content, null, null, null, null, null, T0);
    }
}

package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Draft;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.port.MediaStore;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers of the media suites: contents under fresh blob keys, items on them, messages that reference them. */
public abstract class MediaContractSupport extends StoreContractSupport {
    private final AtomicInteger blobs = new AtomicInteger();

    protected MediaStore media() {
        return stores.media();
    }

    /** The lower-case hex SHA-256 of {@code seed} (what the blob store computes of some bytes). */
    protected static String hash(String seed) {
        return HexFormat.of().formatHex(sha256(seed));
    }

    /** An image content with hash {@code hash(seed)}, 1000 bytes, under a blob key never used before. */
    protected MediaContent content(String seed) {
        return new MediaContent(0, hash(seed), 1000, "image/png", "blob-" + blobs.incrementAndGet(), 640, 480,
                "thumbnail-of-" + seed);
    }

    /** An item of {@code owner} on {@code content} without values of its own (the content's apply). */
    protected MediaItem plainItem(Account owner, MediaContent content) {
        return new MediaItem("media-" + UUID.randomUUID(), owner.id(), content, "photo.png", null, null, null, null,
                now());
    }

    /** Saves a new item of {@code owner} on the bytes {@code seed} (a fresh copy, deduplicated by the store). */
    protected MediaItem saved(Account owner, String seed) {
        MediaContent content = content(seed);
        return media().save(content, plainItem(owner, content), null);
    }

    protected Draft mediaDraft(Chat chat, Account from, String clientId, MessageKind kind, String mediaId,
                               String caption) {
        return new Draft(chat.id(), UUID.randomUUID().toString(), from.id(), from.device().id(), clientId, kind,
                caption, null, now(), mediaId);
    }

    /** Appends a new IMAGE message referencing {@code mediaId} and checks it was stored as new. */
    protected Message sendMedia(Chat chat, Account from, String mediaId) {
        AppendResult result = stores.messages().append(mediaDraft(chat, from, UUID.randomUUID().toString(),
                MessageKind.IMAGE, mediaId, "look"));
        assertThat(result).as("append of media %s by user %d", mediaId, from.id())
                .isInstanceOfSatisfying(AppendResult.Appended.class, a -> assertThat(a.duplicate()).isFalse());
        return ((AppendResult.Appended) result).message();
    }
}

package dev.parley.store.sql;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Upload;
import dev.parley.core.port.MediaStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** PLACEHOLDER (being written in this session): the media metadata store. */
final class SqlMediaStore implements MediaStore {
    private final SqlDatabase db;

    SqlMediaStore(SqlDatabase db) {
        this.db = db;
    }

    @Override public void createUpload(Upload upload) { throw new UnsupportedOperationException(); }
    @Override public Optional<Upload> upload(String uploadId) { throw new UnsupportedOperationException(); }
    @Override public void deleteUpload(String uploadId) { throw new UnsupportedOperationException(); }
    @Override public List<Upload> uploadsCreatedBefore(Instant createdBefore, int limit) { throw new UnsupportedOperationException(); }
    @Override public Optional<MediaContent> liveContent(String sha256, long size) { throw new UnsupportedOperationException(); }
    @Override public MediaItem save(MediaContent content, MediaItem item, String uploadId) { throw new UnsupportedOperationException(); }
    @Override public Optional<MediaItem> item(String mediaId) { throw new UnsupportedOperationException(); }
    @Override public boolean canRead(String mediaId, long userId) { throw new UnsupportedOperationException(); }
    @Override public void setPoster(String mediaId, String thumbnail, Integer width, Integer height) { throw new UnsupportedOperationException(); }
    @Override public List<MediaContent> collect(Instant unreferencedSince, int limit) { throw new UnsupportedOperationException(); }
    @Override public void contentDeleted(long contentId) { throw new UnsupportedOperationException(); }
}

package dev.parley.core.port;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where media bytes live: the local filesystem in embedded mode, S3-compatible object storage in cluster mode.
 * Content is written once under a key and never changed; uploads are staged under an upload id and may be
 * resumed from the last durable byte before they are finished (moved to their final key).
 *
 * <p>All methods stream: no implementation may hold a whole blob in memory. Keys and upload ids match
 * {@code [A-Za-z0-9_-]{1,128}} (no path traversal). Callers serialize appends to one upload id. Finishing an
 * upload with nothing staged throws {@link IllegalStateException}; reading a missing blob throws
 * {@link java.nio.file.NoSuchFileException}. Abandoned staged uploads are not listed by this port yet (cleanup
 * is the media issue's GC).
 */
public interface BlobStore {

    /** The result of finishing an upload: its size and the SHA-256 of its bytes (lower-case hex). */
    record Stored(String key, long size, String sha256) {
    }

    /**
     * Appends bytes to the staged upload {@code uploadId} (created on first use) starting at {@code offset}, which
     * must equal {@link #stagedSize}; reads {@code content} to its end. Returns the new durable staged size — what a
     * client resumes from after an interruption (bytes read but not yet durable are not counted). Throws
     * {@link IllegalArgumentException} when the offset does not match, and {@link IllegalStateException} when the
     * staged size would pass {@code maxBytes} (the staged bytes stay as they were).
     */
    long append(String uploadId, long offset, InputStream content, long maxBytes) throws IOException;

    /** Durable bytes staged for {@code uploadId} (0 when none). */
    long stagedSize(String uploadId) throws IOException;

    /**
     * Makes the staged upload the blob {@code key} and computes its SHA-256. If {@code key} already exists the
     * staged bytes are discarded and the existing blob is kept (content-addressed keys: same key, same bytes).
     */
    Stored finish(String uploadId, String key) throws IOException;

    /** Discards a staged upload (no-op when none). */
    void abort(String uploadId) throws IOException;

    /** Bytes {@code [offset, offset + length)} of a blob (length may run past the end: then up to the end). */
    InputStream read(String key, long offset, long length) throws IOException;

    /** The size of a blob, empty if it does not exist. */
    Optional<Long> size(String key) throws IOException;

    /** Deletes a blob; false when it did not exist. */
    boolean delete(String key) throws IOException;
}

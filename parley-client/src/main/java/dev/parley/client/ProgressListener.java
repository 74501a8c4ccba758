package dev.parley.client;

/**
 * Hears how far an upload or download got. {@link #progress} is called as bytes are handed to the socket (upload)
 * or written to disk (download), at most about 20 times a second, plus once at the end with {@code done == total};
 * {@code done} never goes back (after a retry it stays put until the transfer is past it again). It runs on an
 * HTTP client thread or the caller's: keep it quick and do not block.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Hears nothing. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  bytes transferred so far, including what an earlier attempt transferred
     * @param total the size of the file, or -1 while it is not known
     */
    void progress(long done, long total);

    /**
     * The server created the upload, before any byte is sent. Keep {@code uploadId} to continue after a restart with
     * {@link ParleyMedia#resumeUpload}. Not called when the upload was deduplicated.
     */
    default void uploadCreated(String uploadId) {
    }
}

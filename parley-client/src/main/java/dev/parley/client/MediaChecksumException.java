package dev.parley.client;

/** A downloaded file's SHA-256 differs from the server's ETag: the bytes are not the media's. Nothing was kept. */
public final class MediaChecksumException extends RuntimeException {
    private final String expected;
    private final String actual;

    public MediaChecksumException(String mediaId, String expected, String actual) {
        super("the download of media " + mediaId + " is corrupt: its SHA-256 is " + actual + " but the server's ETag says "
                + expected + "; the partial file was deleted, download again");
        this.expected = expected;
        this.actual = actual;
    }

    /** The SHA-256 the server announced (its ETag). */
    public String expected() {
        return expected;
    }

    /** The SHA-256 of the bytes received. */
    public String actual() {
        return actual;
    }
}

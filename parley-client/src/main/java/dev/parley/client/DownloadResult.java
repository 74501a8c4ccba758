package dev.parley.client;

import java.nio.file.Path;

/**
 * A finished, verified download.
 *
 * @param file        where the bytes are now
 * @param size        their length
 * @param sha256      their SHA-256 (lower-case hex), equal to the server's ETag
 * @param resumedFrom how many bytes an earlier, interrupted download had left in the {@code .part} file and were kept
 *                    (0: everything was transferred by this call)
 */
public record DownloadResult(Path file, long size, String sha256, long resumedFrom) {
}

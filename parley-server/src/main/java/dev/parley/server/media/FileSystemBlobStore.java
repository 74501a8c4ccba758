package dev.parley.server.media;

import dev.parley.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link BlobStore} on the local filesystem (embedded mode). Layout under the root directory:
 * <pre>
 * staging/&lt;uploadId&gt;              bytes of an upload in progress, appended in place
 * blobs/&lt;key[0..2)&gt;/&lt;key&gt;          finished blobs, fanned out by the first two characters of the key
 * </pre>
 * Keys and upload ids must match {@code [A-Za-z0-9_-]{1,128}}: they are used as file names, so no separator, dot or
 * other character that could leave the root is accepted.
 *
 * <p>An append writes at the end of the staged file and {@link FileChannel#force forces} it before returning the new
 * size, so the returned size is durable; a newly created staged file also has its directory forced. An append that
 * would pass {@code maxBytes} is truncated back to the size it started from. When the content stream fails (a
 * dropped connection) the bytes already written are forced and kept, and {@link #stagedSize} reports them, so the
 * client resumes from there. Concurrent appends to the same upload id are not supported (the caller serializes
 * them). Finish streams the staged file through SHA-256, then renames it into {@code blobs/} with an atomic move and
 * forces the directory. If the key already exists the staged file is deleted and the existing blob is described
 * (its SHA-256 computed by streaming it); two finishes racing onto one new key both move, and the last one wins —
 * harmless, as one key always names the same bytes. Deleting a blob leaves its (possibly empty) fan-out directory.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int BUFFER = 64 * 1024;

    private final Path staging;
    private final Path blobs;

    /** Opens (creating the directories if needed) the store rooted at {@code root}. */
    public FileSystemBlobStore(Path root) throws IOException {
        this.staging = Files.createDirectories(root.resolve("staging"));
        this.blobs = Files.createDirectories(root.resolve("blobs"));
    }

    @Override
    public long append(String uploadId, long offset, InputStream content, long maxBytes) throws IOException {
        Path file = stagedFile(uploadId);
        long size = stagedSize(uploadId);
        if (offset != size) {
            throw new IllegalArgumentException("upload " + uploadId + " has " + size + " bytes staged: cannot append at "
                    + offset);
        }
        boolean created = size == 0 && !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.position(size);
            copy(uploadId, content, channel, size, maxBytes);
            channel.force(true);
            if (created) {
                forceDirectory(staging);
            }
            return channel.position();
        }
    }

    /** Copies {@code content} to the end of {@code channel}; on a limit breach restores {@code start} and throws. */
    private static void copy(String uploadId, InputStream content, FileChannel channel, long start, long maxBytes)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long size = start;
        try {
            for (int n; (n = content.read(buffer)) >= 0; ) {
                if (size + n > maxBytes) {
                    channel.truncate(start);
                    channel.force(true);
                    throw new IllegalStateException("upload " + uploadId + " would pass its limit of " + maxBytes
                            + " bytes (" + start + " staged before this append)");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                size += n;
            }
        } catch (IOException contentFailed) {
            channel.force(true);
            throw contentFailed;
        }
    }

    @Override
    public long stagedSize(String uploadId) throws IOException {
        return sizeOf(stagedFile(uploadId)).orElse(0L);
    }

    @Override
    public Stored finish(String uploadId, String key) throws IOException {
        Path staged = stagedFile(uploadId);
        Path blob = blobFile(key);
        if (Files.exists(blob)) {
            Files.deleteIfExists(staged);
            return describe(key, blob);
        }
        if (stagedSize(uploadId) == 0) {
            throw new IllegalStateException("upload " + uploadId + " has nothing staged: cannot finish it as " + key);
        }
        Stored stored = describe(key, staged);
        Files.createDirectories(blob.getParent());
        Files.move(staged, blob, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(blob.getParent());
        return stored;
    }

    /** The size and SHA-256 of a file, streamed. */
    private static Stored describe(String key, Path file) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Stored(key, size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void abort(String uploadId) throws IOException {
        Files.deleteIfExists(stagedFile(uploadId));
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("cannot read blob " + key + " at offset " + offset + " length "
                    + length);
        }
        Path blob = blobFile(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(blob, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(blob.toString(), null, "no blob with key " + key);
        }
        try {
            long size = channel.size();
            long end = length > size - offset ? size : offset + length;
            return new RangeStream(channel.position(offset), Math.max(0, end - offset));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return sizeOf(blobFile(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(blobFile(key));
    }

    private Path stagedFile(String uploadId) {
        return staging.resolve(validName("upload id", uploadId));
    }

    private Path blobFile(String key) {
        validName("key", key);
        return blobs.resolve(key.substring(0, Math.min(2, key.length()))).resolve(key);
    }

    private static String validName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("blob " + what + " '" + name + "' must match " + NAME.pattern());
        }
        return name;
    }

    private static Optional<Long> sizeOf(Path file) throws IOException {
        try {
            return Optional.of(Files.size(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Makes a directory's entries (a new or renamed file) durable; a no-op where directories cannot be opened. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // e.g. Windows: durability of the directory entry then rests on the filesystem
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Up to {@code remaining} bytes of a channel from its position; closing closes the channel. */
    private static final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long remaining;

        RangeStream(FileChannel channel, long remaining) {
            this.channel = channel;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)));
            if (n < 0) {
                remaining = 0;
                return -1;
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}

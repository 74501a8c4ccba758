package dev.parley.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * A {@link CursorStore} in a small text file holding the decimal cursor. Each save writes a sibling temporary
 * file and renames it over the old one, so a crash leaves either the old or the new cursor, never a torn one.
 * Thread-safe within one process.
 */
public final class FileCursorStore implements CursorStore {
    private final Path file;

    /** @param file the cursor file; its directory must exist or be creatable */
    public FileCursorStore(Path file) {
        this.file = file;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the file exists but does not hold a non-negative integer
     * @throws UncheckedIOException  when the file cannot be read
     */
    @Override
    public synchronized OptionalLong load() {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cursor file " + file, e);
        }
        try {
            long cursor = Long.parseLong(text);
            if (cursor < 0) {
                throw new NumberFormatException("negative");
            }
            return OptionalLong.of(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cursor file " + file + " must hold a non-negative integer, got '"
                    + text + "'; delete it to resume from the server's acknowledged cursor");
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    @Override
    public synchronized void save(long cursor) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(cursor), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cursor file " + file, e);
        }
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }
}

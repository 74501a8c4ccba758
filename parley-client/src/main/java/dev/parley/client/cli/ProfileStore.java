package dev.parley.client.cli;

import dev.parley.client.FileCursorStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The profile directory: {@code profile.properties} (server, token, ids; readable by the owner only) and
 * {@code cursor} (the last processed update). A new login resets the cursor, because cursors belong to
 * one user's stream.
 */
final class ProfileStore {
    static final String PROFILE_FILE = "profile.properties";
    static final String CURSOR_FILE = "cursor";

    private final Path dir;

    ProfileStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The saved profile, or empty when not logged in. */
    Optional<Profile> load() {
        Path file = dir.resolve(PROFILE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + file, e);
        }
        try {
            return Optional.of(new Profile(URI.create(required(p, "server", file)), required(p, "token", file),
                    Long.parseLong(required(p, "userId", file)), Long.parseLong(required(p, "deviceId", file)),
                    p.getProperty("login", "")));
        } catch (IllegalArgumentException e) {
            throw new CliException("profile " + file + " is damaged (" + e.getMessage() + "); log in again");
        }
    }

    /** The saved profile; fails with a hint to log in when there is none. */
    Profile require() {
        return load().orElseThrow(() -> new CliException("not logged in (no profile in " + dir
                + "): run 'parley login --server URL --login NAME --password' first"));
    }

    /** Saves a new login and forgets the previous cursor. */
    void save(Profile profile) {
        Properties p = new Properties();
        p.setProperty("server", profile.server().toString());
        p.setProperty("token", profile.token());
        p.setProperty("userId", Long.toString(profile.userId()));
        p.setProperty("deviceId", Long.toString(profile.deviceId()));
        p.setProperty("login", profile.login());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(PROFILE_FILE);
            Files.deleteIfExists(dir.resolve(CURSOR_FILE));
            Files.deleteIfExists(file);
            Files.createFile(file);
            restrictToOwner(file);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "Parley CLI login; the token is a secret");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profile in " + dir, e);
        }
    }

    /** Forgets the login and the cursor. */
    void clear() {
        try {
            Files.deleteIfExists(dir.resolve(PROFILE_FILE));
            Files.deleteIfExists(dir.resolve(CURSOR_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete profile in " + dir, e);
        }
    }

    FileCursorStore cursorStore() {
        return new FileCursorStore(dir.resolve(CURSOR_FILE));
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's permissions
        }
    }
}

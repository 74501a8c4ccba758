package dev.parley.bench.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * How to launch the server jar. Normally {@code -jar parley-server.jar}. If the jar lacks jackson-annotations
 * (parley-server/pom.xml declares it with {@code <scope>test</scope>}, which takes it out of the shaded jar; the
 * server then dies at start with {@code NoClassDefFoundError: …JsonSerializeAs}), the bench does not touch the
 * server build: it copies the annotation classes out of its own jar (the same managed version) into a side jar and
 * launches {@code -cp parley-server.jar:side.jar dev.parley.server.Main}, and says so.
 */
final class ServerLaunch {
    private static final String PROBE = "com/fasterxml/jackson/annotation/JsonSerializeAs.class";
    private static final String PREFIX = "com/fasterxml/jackson/annotation/";

    private ServerLaunch() {
    }

    static List<String> command(Path serverJar, Path workDir) throws IOException {
        try (JarFile jar = new JarFile(serverJar.toFile())) {
            if (jar.getEntry(PROBE) != null) {
                return List.of("-jar", serverJar.toAbsolutePath().toString());
            }
        }
        Path self = selfJar();
        // next to the bench jar, always the same path: a class-path-keyed AppCDS archive stays valid across runs
        Path side = (Files.isRegularFile(self) ? self.getParent() : workDir).resolve("jackson-annotations-for-server.jar");
        if (!Files.exists(side)) {
            writeSideJar(self, side);
        }
        System.out.println("WARNING: " + serverJar + " lacks jackson-annotations (test scope in parley-server/pom.xml);"
                + " launching it with " + side + " on the class path");
        return List.of("--enable-native-access=ALL-UNNAMED", "-cp",
                serverJar.toAbsolutePath() + ":" + side.toAbsolutePath(), "dev.parley.server.Main");
    }

    private static Path selfJar() {
        try {
            return Path.of(ServerLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeSideJar(Path self, Path side) throws IOException {
        Files.createDirectories(side.getParent());
        Path tmp = side.resolveSibling(side.getFileName() + ".tmp");
        try (JarFile in = new JarFile(self.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().startsWith(PREFIX) && !e.isDirectory()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + side + " from " + self, e);
        }
        Files.move(tmp, side, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

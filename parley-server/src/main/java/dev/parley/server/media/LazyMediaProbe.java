package dev.parley.server.media;

import dev.parley.core.port.MediaProbe;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A {@link MediaProbe} made on first use: Tika's type registry and ImageIO's plugin scan cost ≈ 0.15 s of start-up
 * (docs/benchmarks.md, B5) that a server which receives no upload never needs. {@link #prepare} makes it ahead of
 * use (the server calls it in the background right after it is ready). Thread-safe.
 */
final class LazyMediaProbe implements MediaProbe {
    private final Supplier<MediaProbe> factory;
    private volatile MediaProbe probe;

    LazyMediaProbe(Supplier<MediaProbe> factory) {
        this.factory = factory;
    }

    /** Makes the underlying probe now unless it exists. */
    void prepare() {
        probe();
    }

    @Override
    public Probe probe(Source source, String fileName) throws IOException {
        return probe().probe(source, fileName);
    }

    @Override
    public boolean matches(String declared, String sniffed) {
        return probe().matches(declared, sniffed);
    }

    private MediaProbe probe() {
        MediaProbe p = probe;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (probe == null) {
                probe = factory.get();
            }
            return probe;
        }
    }
}

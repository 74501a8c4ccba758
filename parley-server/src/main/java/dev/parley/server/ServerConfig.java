package dev.parley.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.parley.core.model.Retention;
import dev.parley.core.service.Limits;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything configurable, read once at start from {@code reference.conf} defaults, an optional file and
 * environment variables (see docs/operations.md). A wrong value fails the start with a message naming the key.
 */
public record ServerConfig(Path dataDir, String host, int port, int maxBodyBytes, double authPerSecond,
                           int authBurst, Ws ws, Limits limits, Argon2 argon2, Duration presenceTimeout,
                           Duration presenceGrace, MediaConfig media, Retention retention,
                           Duration purgeInterval) {

    public record Ws(int maxFrameBytes, int hardMaxFrameBytes, Duration pingInterval, Duration idleTimeout,
                     Duration authTimeout, int maxInvalidFramesPerMinute, int maxQueuedRequests,
                     int maxRateLimitedPerMinute, int maxPendingUpdates, int outboundHighWaterBytes,
                     Duration slowConsumerTimeout, Duration ackCoalesceWindow) {
    }

    public record Argon2(int memoryKib, int iterations, int parallelism) {
    }

    /** Loads defaults, then {@code file} (may be null), with environment overrides; {@code overrides} win. */
    public static ServerConfig load(File file, Map<String, ?> overrides) {
        Config base = ConfigFactory.defaultReference();
        if (file != null) {
            if (!file.isFile()) {
                throw new IllegalArgumentException("config file '" + file + "' does not exist");
            }
            base = ConfigFactory.parseFile(file).withFallback(base);
        }
        Config config = ConfigFactory.parseMap(overrides).withFallback(base).resolve();
        try {
            return from(config.getConfig("parley"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
    }

    private static ServerConfig from(Config c) {
        Config ws = c.getConfig("ws");
        Config limits = c.getConfig("limits");
        Config sec = c.getConfig("security");
        return new ServerConfig(
                Path.of(c.getString("data-dir")),
                c.getString("http.host"),
                c.getInt("http.port"),
                (int) c.getMemorySize("http.max-body-bytes").toBytes(),
                c.getDouble("http.auth-per-second"),
                c.getInt("http.auth-burst"),
                new Ws((int) ws.getMemorySize("max-frame-bytes").toBytes(),
                        (int) ws.getMemorySize("hard-max-frame-bytes").toBytes(),
                        ws.getDuration("ping-interval"),
                        ws.getDuration("idle-timeout"),
                        ws.getDuration("auth-timeout"),
                        ws.getInt("max-invalid-frames-per-minute"),
                        ws.getInt("max-queued-requests"),
                        ws.getInt("max-rate-limited-per-minute"),
                        ws.getInt("max-pending-updates"),
                        (int) ws.getMemorySize("outbound-high-water-bytes").toBytes(),
                        ws.getDuration("slow-consumer-timeout"),
                        ws.getDuration("ack-coalesce-window")),
                new Limits(limits.getInt("max-text-length"), limits.getDouble("sends-per-second"),
                        limits.getInt("send-burst"), limits.getInt("history-page-max"),
                        limits.getInt("max-group-members"), limits.getDouble("typing-per-second"),
                        limits.getInt("typing-burst"), limits.getInt("phone-lookups-per-day")),
                new Argon2(sec.getInt("argon2-memory-kib"), sec.getInt("argon2-iterations"),
                        sec.getInt("argon2-parallelism")),
                c.getDuration("presence.timeout"),
                c.getDuration("presence.grace"),
                MediaConfig.from(c.getConfig("media")),
                retention(c.getConfig("retention")),
                c.getDuration("retention.purge-interval"));
    }

    private static Retention retention(Config r) {
        String mode = r.getString("mode");
        Retention.Mode parsed = switch (mode) {
            case "history" -> Retention.Mode.HISTORY;
            case "until-delivered" -> Retention.Mode.UNTIL_DELIVERED;
            default -> throw new IllegalArgumentException("parley.retention.mode must be \"history\" or"
                    + " \"until-delivered\", got \"" + mode + "\"");
        };
        return new Retention(parsed, r.getDuration("undelivered-ttl"));
    }
}

package dev.parley.server;

import com.typesafe.config.Config;
import dev.parley.core.media.MediaPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code parley.media} section: policy, garbage collection, signed links, upload rate and the blob backend.
 *
 * @param backend    {@code fs} or {@code s3}
 * @param linkSecret HMAC secret of download links; empty for a random one per process
 */
public record MediaConfig(MediaPolicy policy, Duration gcInterval, String linkSecret, double uploadsPerMinute,
                          int uploadBurst, String backend, S3 s3) {

    /** S3-compatible storage; empty strings mean "not set" (endpoint: AWS; keys: the SDK's default chain). */
    public record S3(String endpoint, String region, String bucket, String accessKey, String secretKey) {

        public URI endpointUri() {
            return endpoint.isBlank() ? null : URI.create(endpoint);
        }
    }

    public MediaConfig {
        if (!backend.equals("fs") && !backend.equals("s3")) {
            throw new IllegalArgumentException("parley.media.backend must be \"fs\" or \"s3\", got \"" + backend + "\"");
        }
        if (!linkSecret.isEmpty() && linkSecret.length() < 16) {
            throw new IllegalArgumentException("parley.media.link-secret needs at least 16 characters, got "
                    + linkSecret.length());
        }
    }

    static MediaConfig from(Config m) {
        MediaPolicy policy = new MediaPolicy(m.getMemorySize("max-bytes").toBytes(), m.getStringList("allowed-types"),
                m.getBoolean("dedupe"), m.getMemorySize("poster-max-bytes").toBytes(), m.getDuration("gc-grace"),
                m.getDuration("upload-expiry"), m.getDuration("link-ttl"));
        Config s3 = m.getConfig("s3");
        return new MediaConfig(policy, m.getDuration("gc-interval"), m.getString("link-secret"),
                m.getDouble("uploads-per-minute"), m.getInt("upload-burst"), m.getString("backend"),
                new S3(s3.getString("endpoint"), s3.getString("region"), s3.getString("bucket"),
                        s3.getString("access-key"), s3.getString("secret-key")));
    }
}

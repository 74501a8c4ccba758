package dev.parley.core.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered message ids: UUID version 7 (48-bit millisecond timestamp, then random bits). */
public final class MessageIds {
    private final Clock clock;
    private final SecureRandom random;

    public MessageIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public String next() {
        long millis = clock.millis();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}

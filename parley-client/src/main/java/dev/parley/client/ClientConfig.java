package dev.parley.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** The settings of one {@link ParleyClient}, validated by its builder. */
record ClientConfig(URI webSocketUri, String token, Listener listener, CursorStore cursorStore, Clock clock,
                    Duration pingInterval, Duration requestTimeout, Duration sendRetryInterval,
                    Duration ackDelay, int ackBatch, Duration closeTimeout) {
}

package dev.parley.core.model;

import java.time.Duration;

/**
 * The server's retention policy (ARCHITECTURE.md §2.10).
 *
 * @param mode           HISTORY: messages are kept (paging works); UNTIL_DELIVERED: a message's content is deleted as
 *                       soon as every device of every recipient acknowledged it (WhatsApp)
 * @param undeliveredTtl update-stream entries (and, in UNTIL_DELIVERED, the messages they stand for) not
 *                       acknowledged within this time expire; the devices that missed them get an expired marker
 */
public record Retention(Mode mode, Duration undeliveredTtl) {

    public enum Mode { HISTORY, UNTIL_DELIVERED }

    public Retention {
        if (undeliveredTtl.isNegative() || undeliveredTtl.isZero()) {
            throw new IllegalArgumentException("the undelivered TTL must be positive, got " + undeliveredTtl);
        }
    }
}

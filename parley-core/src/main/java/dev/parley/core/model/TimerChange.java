package dev.parley.core.model;

import java.time.Instant;

/**
 * A request to set a chat's disappearing-message timer: recorded as a TIMER_CHANGED system entry with id
 * {@code messageId} at {@code at}; {@code timerSeconds} 0 turns it off.
 */
public record TimerChange(long chatId, long actorId, long actorDeviceId, String messageId, long timerSeconds,
                          Instant at) {
}

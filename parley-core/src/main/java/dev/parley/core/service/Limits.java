package dev.parley.core.service;

/**
 * Limits on what a client can send.
 *
 * @param maxTextLength   characters per message text
 * @param sendsPerSecond  sustained sends per device per second (token bucket refill)
 * @param sendBurst       sends a device may make at once (token bucket size)
 * @param historyPageMax  messages per history page
 * @param maxGroupMembers members per group, the owner included
 * @param typingPerSecond typing indicators per device per second (token bucket refill)
 * @param typingBurst     typing indicators a device may send at once
 * @param phoneLookupsPerDay phone numbers a user may look up per day
 */
public record Limits(int maxTextLength, double sendsPerSecond, int sendBurst, int historyPageMax, int maxGroupMembers,
                     double typingPerSecond, int typingBurst, int phoneLookupsPerDay) {
    public Limits {
        if (maxTextLength < 1 || sendsPerSecond <= 0 || sendBurst < 1 || historyPageMax < 1 || maxGroupMembers < 2) {
            throw new IllegalArgumentException("limits must be positive, got " + this);
        }
    }
}

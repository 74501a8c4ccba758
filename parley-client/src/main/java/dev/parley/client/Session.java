package dev.parley.client;

/**
 * A logged-in device: the result of {@link ParleyHttp#login}. The token authenticates HTTP calls and the
 * WebSocket of this device until it is logged out or revoked; treat it as a secret.
 *
 * @param userId   the user
 * @param deviceId the device this login created
 * @param token    the bearer token (base64url)
 */
public record Session(long userId, long deviceId, String token) {
    @Override
    public String toString() {
        return "Session[userId=" + userId + ", deviceId=" + deviceId + ", token=<redacted>]";
    }
}

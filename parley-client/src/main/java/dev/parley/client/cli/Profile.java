package dev.parley.client.cli;

import java.net.URI;

/**
 * The CLI's login: which server, as which device.
 *
 * @param server   the server's base URL
 * @param token    the device token
 * @param userId   the logged-in user
 * @param deviceId the logged-in device
 * @param login    the login name used (username or phone), for messages
 */
record Profile(URI server, String token, long userId, long deviceId, String login) {
    @Override
    public String toString() {
        return "Profile[server=" + server + ", userId=" + userId + ", deviceId=" + deviceId + ", login=" + login + "]";
    }
}

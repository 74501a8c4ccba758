package dev.parley.client;

/**
 * The calling user with their settings, as returned by {@link ParleyHttp#me}.
 *
 * @param id          user id
 * @param username    username, or null when registered by phone only
 * @param phone       E.164 phone, or null when registered by username only
 * @param displayName display name
 * @param settings    the user's settings
 */
public record Me(long id, String username, String phone, String displayName, Settings settings) {

    /**
     * The user's settings.
     *
     * @param readReceipts whether the user sends and sees read receipts
     * @param lastSeen     who may see when the user was last online: "everyone", "contacts" or "nobody"
     *                     (null from a server without presence)
     * @param online       who may see that the user is online now: the same values
     */
    public record Settings(boolean readReceipts, String lastSeen, String online) {
    }
}

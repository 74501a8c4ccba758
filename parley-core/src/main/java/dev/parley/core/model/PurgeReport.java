package dev.parley.core.model;

/**
 * What one purge batch did.
 *
 * @param trimmedEntries  update-stream entries removed because every device of their user acknowledged them
 * @param expiredEntries  update-stream entries removed because they outlived the undelivered TTL
 * @param purgedMessages  messages whose content was deleted (delivered everywhere in UNTIL_DELIVERED mode, or
 *                        undelivered past the TTL there)
 * @param timerMessages   messages whose content was deleted because the chat's timer ran out
 * @param more            whether a step stopped at the batch limit (call again)
 */
public record PurgeReport(int trimmedEntries, int expiredEntries, int purgedMessages, int timerMessages,
                          boolean more) {

    public static final PurgeReport NOTHING = new PurgeReport(0, 0, 0, 0, false);

    public PurgeReport plus(PurgeReport o) {
        return new PurgeReport(trimmedEntries + o.trimmedEntries, expiredEntries + o.expiredEntries,
                purgedMessages + o.purgedMessages, timerMessages + o.timerMessages, o.more);
    }
}

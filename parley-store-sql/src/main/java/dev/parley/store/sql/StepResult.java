package dev.parley.store.sql;

/**
 * What one purge step of {@link SqlRetentionStore} did: update-stream entries deleted, messages purged, and
 * whether it stopped at the batch limit with work left.
 */
record StepResult(int entries, int purged, boolean more) {
}

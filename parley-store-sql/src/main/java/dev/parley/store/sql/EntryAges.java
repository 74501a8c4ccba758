package dev.parley.store.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What this node knows about the age of the oldest update-stream entry, so the TTL sweep ({@link TtlSweep}) can
 * skip its scan of {@code updates} (no index on {@code created_at}, see {@link TtlSweep}) while no entry can have
 * outlived the TTL.
 *
 * <p>Contract: no entry in {@code updates} has {@code created_at} below {@link #noneOlderThan the floor}, as far
 * as this node can tell. The floor starts unknown (every sweep scans). A finished scan sets it to the oldest
 * {@code created_at} it found, lowered by every entry this node appended between the start of that scan and its
 * commit; every append lowers it at once ({@link #appended}, before its commit: a rolled-back append only makes
 * the floor lower than needed, which costs one early scan and nothing else). A scan whose transaction failed is
 * abandoned and changes nothing.
 *
 * <p>Several nodes on one PostgreSQL database: each node's floor covers the entries it appended itself. An entry
 * another node appended with a {@code created_at} older than this node's floor (a clock behind ours) is swept
 * by that node, or by this one at its next scan. The floor only ever delays a sweep, never deletes anything.
 *
 * <p>Thread-safe: appends run on the writer thread, scans start and finish on the purging thread.
 */
final class EntryAges {
    /** {@code created_at} floor in epoch millis; MIN_VALUE = unknown. */
    private long floor = Long.MIN_VALUE;
    private final List<Scan> open = new ArrayList<>(1);

    /** One scan in progress: the lowest {@code created_at} appended since it started. */
    static final class Scan {
        private long lowestAppended = Long.MAX_VALUE;
    }

    /** An entry with this {@code created_at} (epoch millis) is being appended. */
    synchronized void appended(long createdAt) {
        floor = Math.min(floor, createdAt);
        for (Scan scan : open) {
            scan.lowestAppended = Math.min(scan.lowestAppended, createdAt);
        }
    }

    /** True when no entry can be older than {@code cutoff} (epoch millis): the TTL sweep has nothing to do. */
    synchronized boolean noneOlderThan(long cutoff) {
        return cutoff <= floor;
    }

    /** Call before submitting the scanning task; then exactly one of {@link #finish} or {@link #abandon}. */
    synchronized Scan startScan() {
        Scan scan = new Scan();
        open.add(scan);
        return scan;
    }

    /**
     * The scan committed and found {@code oldest} (epoch millis; {@code Long.MAX_VALUE} for an empty table) as the
     * lowest {@code created_at}, after its own deletions.
     */
    synchronized void finish(Scan scan, long oldest) {
        if (open.remove(scan)) {
            floor = Math.min(oldest, scan.lowestAppended);
        }
    }

    /** The scan failed or did not measure the oldest entry: the floor stays as it was. */
    synchronized void abandon(Scan scan) {
        open.remove(scan);
    }
}

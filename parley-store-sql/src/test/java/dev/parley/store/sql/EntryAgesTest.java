package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntryAgesTest {
    private final EntryAges ages = new EntryAges();

    @Test
    void anUnknownFloorNeverSkips() {
        assertThat(ages.noneOlderThan(Long.MIN_VALUE + 1)).isFalse();
    }

    @Test
    void aFinishedScanSetsTheFloorToTheOldestEntryItSaw() {
        ages.finish(ages.startScan(), 100);

        assertThat(ages.noneOlderThan(100)).isTrue();
        assertThat(ages.noneOlderThan(101)).as("an entry of 100 is older than 101").isFalse();
    }

    @Test
    void anEntryAppendedWhileAScanRunsKeepsTheFloorBelowIt() {
        EntryAges.Scan scan = ages.startScan();
        ages.appended(50);
        ages.finish(scan, 100);

        assertThat(ages.noneOlderThan(50)).isTrue();
        assertThat(ages.noneOlderThan(51)).isFalse();
    }

    @Test
    void anAppendLowersAKnownFloorAtOnce() {
        ages.finish(ages.startScan(), 100);
        ages.appended(70);

        assertThat(ages.noneOlderThan(71)).isFalse();
    }

    @Test
    void anAbandonedScanChangesNothingAndCannotFinishLater() {
        ages.finish(ages.startScan(), 10);
        EntryAges.Scan failed = ages.startScan();
        ages.abandon(failed);
        ages.finish(failed, 1_000);

        assertThat(ages.noneOlderThan(10)).isTrue();
        assertThat(ages.noneOlderThan(11)).isFalse();
    }
}

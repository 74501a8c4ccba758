package dev.parley.client.cli;

import java.util.Locale;

/** Byte counts for people, in decimal units: {@code 512 B}, {@code 12.3 kB}, {@code 2.4 MB}, {@code 1.1 GB}. */
final class ByteSizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** {@code 2481152} → {@code 2.5 MB}. */
    static String human(long bytes) {
        int unit = unit(bytes);
        return number(bytes, unit) + " " + UNITS[unit];
    }

    /** Two counts in the unit of the second: {@code 11.2/26.7 MB}. */
    static String pair(long done, long total) {
        int unit = unit(total);
        return number(done, unit) + "/" + number(total, unit) + " " + UNITS[unit];
    }

    /** A speed: {@code 3.4 MB/s}. */
    static String rate(double bytesPerSecond) {
        return human(Math.round(bytesPerSecond)) + "/s";
    }

    private static int unit(long bytes) {
        int unit = 0;
        double value = Math.abs((double) bytes);
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit;
    }

    private static String number(long bytes, int unit) {
        if (unit == 0) {
            return Long.toString(bytes);
        }
        return String.format(Locale.ROOT, "%.1f", bytes / Math.pow(1000, unit));
    }
}

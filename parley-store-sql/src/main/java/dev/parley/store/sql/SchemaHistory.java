package dev.parley.store.sql;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of the migrations at open: whether Flyway's {@code flyway_schema_history} already records every
 * migration this build ships, so that Flyway (its class loading, scanning and validation: about a third of a
 * server's start) need not run at all. Up to date means: the table exists (in the connection's current schema on
 * PostgreSQL, where Flyway keeps it); no row failed; no row undoes or deletes a migration; every shipped version
 * above the baseline (if any) was applied; and the highest applied version is the highest shipped one. Anything
 * else (a fresh database, one behind, ahead, or in a state Flyway must judge) runs Flyway as before. What the
 * fast path gives up is Flyway's checksum validation of the applied scripts on every open.
 *
 * <p>The shipped versions are a constant ({@link #SHIPPED}), not a class-path scan, because the shaded server jar
 * cannot list a resource folder; {@code SchemaHistoryTest} checks the constant against the migration resources
 * of both dialects.
 */
final class SchemaHistory {
    /** Versions of {@code db/migration/{sqlite,postgresql}/V<version>__*.sql}, ascending; the same for both. */
    static final List<String> SHIPPED = List.of("1", "2", "3", "4", "5");

    private static final Logger log = LoggerFactory.getLogger(SchemaHistory.class);
    private static final String TABLE = "flyway_schema_history";
    private static final Comparator<String> BY_VERSION = SchemaHistory::compareVersions;

    /** One row of the history with a version (repeatable migrations have none). */
    private record Applied(String version, String type, boolean success) {
    }

    private SchemaHistory() {
    }

    /** Whether {@code raw}'s schema is exactly at the shipped version; false (so Flyway runs) when unsure. */
    static boolean upToDate(DataSource raw, SqlDialect dialect) {
        try (Connection connection = raw.getConnection()) {
            Optional<String> table = table(connection, dialect);
            if (table.isEmpty()) {
                return false;
            }
            List<Applied> applied = Jdbc.list(connection, "SELECT version, type, success FROM " + table.get()
                    + " WHERE version IS NOT NULL", row -> new Applied(row.getString(1), row.getString(2),
                    row.getBoolean(3)));
            return upToDate(applied);
        } catch (SQLException | RuntimeException e) {
            log.debug("cannot read the schema history of the {} database; running Flyway: {}", dialect, e.toString());
            return false;
        }
    }

    /** Compares Flyway versions part by part, numerically ("1.10" > "1.9", "2" = "2.0"). */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            int order = l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static boolean upToDate(List<Applied> rows) {
        boolean clean = rows.stream().allMatch(row -> row.success() && !row.type().equals("DELETE")
                && !row.type().startsWith("UNDO"));
        if (!clean || rows.isEmpty()) {
            return false;
        }
        String baseline = rows.stream().filter(row -> row.type().contains("BASELINE")).map(Applied::version)
                .max(BY_VERSION).orElse("0");
        List<String> versions = rows.stream().map(Applied::version).toList();
        boolean allApplied = SHIPPED.stream().filter(v -> compareVersions(v, baseline) > 0)
                .allMatch(v -> versions.stream().anyMatch(applied -> compareVersions(applied, v) == 0));
        String highest = versions.stream().max(BY_VERSION).orElseThrow();
        return allApplied && compareVersions(highest, SHIPPED.getLast()) == 0;
    }

    /** The history table's name to query, qualified on PostgreSQL; empty when it does not exist. */
    private static Optional<String> table(Connection connection, SqlDialect dialect) throws SQLException {
        if (dialect == SqlDialect.SQLITE) {
            return Jdbc.first(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                    row -> TABLE, TABLE);
        }
        // NULL when no schema of the search path exists
        Optional<String> schema = Jdbc.first(connection, "SELECT current_schema()",
                row -> Optional.ofNullable(row.getString(1))).flatMap(name -> name);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        String qualified = "\"" + schema.get().replace("\"", "\"\"") + "\"." + TABLE;
        return Jdbc.first(connection, "SELECT to_regclass(?) IS NOT NULL", row -> row.getBoolean(1), qualified)
                .filter(exists -> exists).map(exists -> qualified);
    }
}

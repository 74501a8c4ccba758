package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The fast path of the migrations at open ({@link SchemaHistory}): a fresh database and one a version behind are
 * migrated by Flyway; an up-to-date one opens without Flyway; the shipped versions match the resources.
 */
class SchemaHistoryTest {
    private static final Pattern MIGRATION = Pattern.compile("V([0-9.]+)__.+\\.sql");

    @TempDir
    Path dir;

    @Test
    void theShippedVersionsAreThoseOfTheMigrationResourcesOfBothDialects() throws Exception {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThat(resourceVersions(dialect)).as("versions in " + dialect.migrations())
                    .isEqualTo(SchemaHistory.SHIPPED);
        }
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(SchemaHistory.compareVersions("10", "9")).isPositive();
        assertThat(SchemaHistory.compareVersions("1.10", "1.9")).isPositive();
        assertThat(SchemaHistory.compareVersions("2", "2.0")).isZero();
        assertThat(SchemaHistory.compareVersions("4", "5")).isNegative();
    }

    @Test
    void sqliteFreshDatabaseIsMigratedThenOpensWithoutFlyway() throws SQLException {
        SQLiteDataSource raw = sqlite();
        assertThat(SchemaHistory.upToDate(raw, SqlDialect.SQLITE)).isFalse();
        SqlDatabase.sqlite(file()).close();
        assertThat(highestApplied(raw)).isEqualTo(SchemaHistory.SHIPPED.getLast());
        assertThat(SchemaHistory.upToDate(raw, SqlDialect.SQLITE)).isTrue();
        assertOpensWithoutFlyway(raw, () -> SqlDatabase.sqlite(file()).close());
    }

    @Test
    void sqliteDatabaseOneVersionBehindIsMigrated() throws SQLException {
        SQLiteDataSource raw = sqlite();
        migrateTo(raw, SqlDialect.SQLITE, previousVersion());
        assertThat(SchemaHistory.upToDate(raw, SqlDialect.SQLITE)).isFalse();
        SqlDatabase.sqlite(file()).close();
        assertThat(highestApplied(raw)).isEqualTo(SchemaHistory.SHIPPED.getLast());
        assertThat(SchemaHistory.upToDate(raw, SqlDialect.SQLITE)).isTrue();
    }

    @Test
    void sqliteHistoryWithAFailedMigrationIsLeftToFlyway() throws SQLException {
        SQLiteDataSource raw = sqlite();
        SqlDatabase.sqlite(file()).close();
        execute(raw, "UPDATE flyway_schema_history SET success = 0 WHERE version = '"
                + SchemaHistory.SHIPPED.getLast() + "'");
        assertThat(SchemaHistory.upToDate(raw, SqlDialect.SQLITE)).isFalse();
    }

    @Test
    void postgresFreshSchemaIsMigratedThenOpensWithoutFlywayAndOneBehindIsMigrated() throws SQLException {
        String schema = "parley_history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(postgres(null), "CREATE SCHEMA " + schema);
        try {
            PGSimpleDataSource raw = postgres(schema);
            String url = raw.getURL();
            assertThat(SchemaHistory.upToDate(raw, SqlDialect.POSTGRESQL)).isFalse();
            migrateTo(raw, SqlDialect.POSTGRESQL, previousVersion());
            assertThat(SchemaHistory.upToDate(raw, SqlDialect.POSTGRESQL)).as("one behind").isFalse();
            SqlDatabase.postgres(url, Fixtures.POSTGRES_USER, "").close();
            assertThat(highestApplied(raw)).isEqualTo(SchemaHistory.SHIPPED.getLast());
            assertThat(SchemaHistory.upToDate(raw, SqlDialect.POSTGRESQL)).isTrue();
            assertOpensWithoutFlyway(raw, () -> SqlDatabase.postgres(url, Fixtures.POSTGRES_USER, "").close());
        } finally {
            execute(postgres(null), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void postgresSchemaWithoutHistoryIsNotUpToDateEvenIfALaterSchemaOfTheSearchPathHasOne() throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String empty = "parley_empty_" + suffix;
        String migrated = "parley_migrated_" + suffix;
        execute(postgres(null), "CREATE SCHEMA " + empty);
        execute(postgres(null), "CREATE SCHEMA " + migrated);
        try {
            migrateTo(postgres(migrated), SqlDialect.POSTGRESQL, SchemaHistory.SHIPPED.getLast());
            assertThat(SchemaHistory.upToDate(postgres(migrated), SqlDialect.POSTGRESQL)).isTrue();
            assertThat(SchemaHistory.upToDate(postgres(empty + "," + migrated), SqlDialect.POSTGRESQL))
                    .as("Flyway works in the current schema, the first of the path").isFalse();
        } finally {
            execute(postgres(null), "DROP SCHEMA " + empty + " CASCADE");
            execute(postgres(null), "DROP SCHEMA " + migrated + " CASCADE");
        }
    }

    /**
     * Proof that Flyway did not run: a changed checksum, which Flyway's validation refuses, does not stop the open
     * (the fast path gives up that validation, see {@link SchemaHistory}).
     */
    private static void assertOpensWithoutFlyway(javax.sql.DataSource raw, Runnable open) throws SQLException {
        execute(raw, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
        open.run();
    }

    private static String previousVersion() {
        return SchemaHistory.SHIPPED.get(SchemaHistory.SHIPPED.size() - 2);
    }

    private static void migrateTo(javax.sql.DataSource raw, SqlDialect dialect, String version) {
        Flyway.configure().dataSource(raw).locations(dialect.migrations()).target(version).load().migrate();
    }

    private static String highestApplied(javax.sql.DataSource raw) throws SQLException {
        try (Connection c = raw.getConnection()) {
            return Jdbc.list(c, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success",
                    row -> row.getString(1)).stream().max(SchemaHistory::compareVersions).orElseThrow();
        }
    }

    private static void execute(javax.sql.DataSource raw, String sql) throws SQLException {
        try (Connection c = raw.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private Path file() {
        return dir.resolve("parley.db");
    }

    private SQLiteDataSource sqlite() {
        SQLiteDataSource raw = new SQLiteDataSource();
        raw.setUrl("jdbc:sqlite:" + file());
        return raw;
    }

    private static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setURL(Fixtures.POSTGRES_URL + (schema == null ? "" : "?currentSchema=" + schema));
        raw.setUser(Fixtures.POSTGRES_USER);
        return raw;
    }

    /** The versions of the V…__….sql files in the dialect's migration folder (a directory when testing). */
    private static List<String> resourceVersions(SqlDialect dialect) throws IOException, URISyntaxException {
        String folder = dialect.migrations().substring("classpath:".length());
        Path path = Path.of(SchemaHistoryTest.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> MIGRATION.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> match.group(1)).sorted(SchemaHistory::compareVersions).toList();
        }
    }
}

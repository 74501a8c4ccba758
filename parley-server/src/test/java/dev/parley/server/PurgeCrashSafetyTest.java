package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.media.MediaSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL while the until-delivered purge is deleting thousands of delivered messages, then
 * checks the database file directly: no half-deleted message (content gone but not marked, or marked with content
 * left), no update entry pointing at purged content, media reference counts equal to the messages referencing the
 * items, and the bytes of every live content present. A restart finishes the purge.
 */
class PurgeCrashSafetyTest {
    private static final int TEXTS = 4000;
    private static final int IMAGES = 20;
    private static final Map<String, String> ENV = Map.of("PARLEY_RETENTION", "until-delivered",
            "PARLEY_PURGE_INTERVAL", "20ms", "PARLEY_SENDS_PER_SECOND", "100000", "PARLEY_SEND_BURST", "100000",
            "PARLEY_ARGON2_MEMORY_KIB", "1024", "PARLEY_AUTH_PER_SECOND", "1000", "PARLEY_AUTH_BURST", "1000");

    @Test
    void killDashNineDuringAPurgeLeavesNoHalfDeletedMessage(@TempDir Path dir) throws Exception {
        long chat;
        try (ServerProcess server = new ServerProcess(dir, ENV).start()) {
            TestApi api = new TestApi(server.http());
            MediaHttp media = new MediaHttp(server.http());
            TestApi.Account a = api.newUser("pa");
            TestApi.Account b = api.newUser("pb");
            try (WsPeer wa = new WsPeer(server.ws(), a); WsPeer wb = new WsPeer(server.ws(), b)) {
                chat = wa.request("{\"type\":\"openDirect\",\"userId\":" + b.userId() + "}",
                        ServerFrame.ChatResult.class).chat().id();
                for (int i = 0; i < IMAGES; i++) {
                    String id = media.upload(a.token(), MediaSamples.png(10 + i, 10), "image/png", null)
                            .get("id").asText();
                    wa.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"img" + i
                            + "\",\"kind\":\"image\",\"mediaId\":\"" + id + "\"}", ServerFrame.Accepted.class);
                }
                for (int i = 0; i < TEXTS; i++) {
                    wa.request("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"t" + i
                            + "\",\"text\":\"message " + i + "\"}", ServerFrame.Accepted.class);
                }
                wb.awaitUpdate(WsPeer.text(chat, "message " + (TEXTS - 1)));
                wa.sync().ackAll();
                wb.ackAll();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> count(dir, "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL") > 0);
                server.kill();
            }
            long purged = count(dir, "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL");
            assertThat(purged).as("the kill came while the purge had work (or just after it)").isPositive();
            System.out.printf("PurgeCrashSafetyTest: killed with %d of %d messages purged%n", purged, TEXTS + IMAGES);
            checkInvariants(dir);
        }
        try (ServerProcess server = new ServerProcess(dir, ENV).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(dir,
                    "SELECT COUNT(*) FROM messages WHERE purged_at IS NULL AND chat_id = " + chat) == 0);
            checkInvariants(dir);
            assertThat(count(dir, "SELECT COUNT(*) FROM media WHERE message_refs > 0")).isZero();
        }
    }

    private static void checkInvariants(Path dir) throws SQLException {
        assertThat(count(dir, "SELECT COUNT(*) FROM messages WHERE purged_at IS NULL AND kind <> 'SYSTEM'"
                + " AND body IS NULL")).as("content gone but not marked purged").isZero();
        assertThat(count(dir, "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL"
                + " AND (body IS NOT NULL OR media_id IS NOT NULL)")).as("marked purged, content left").isZero();
        assertThat(count(dir, "SELECT COUNT(*) FROM updates u JOIN messages m ON m.chat_id = u.chat_id"
                + " AND m.seq = u.seq WHERE u.kind = 'MESSAGE_ADDED' AND m.purged_at IS NOT NULL"))
                .as("update entries pointing at purged content").isZero();
        assertThat(count(dir, "SELECT COUNT(*) FROM media md WHERE md.message_refs <>"
                + " (SELECT COUNT(*) FROM messages m WHERE m.media_id = md.id)"))
                .as("media reference counts match the messages").isZero();
        try (Connection c = open(dir); Statement s = c.createStatement();
             ResultSet keys = s.executeQuery("SELECT blob_key FROM media_content WHERE state = 'live'")) {
            while (keys.next()) {
                String key = keys.getString(1);
                assertThat(dir.resolve("media/blobs").resolve(key.substring(0, 2)).resolve(key))
                        .as("bytes of live content %s", key).exists();
            }
        }
    }

    private static long count(Path dir, String sql) throws SQLException {
        try (Connection c = open(dir); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection open(Path dir) throws SQLException {
        if (!Files.exists(dir.resolve("parley.db"))) {
            throw new SQLException("no database yet");
        }
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db") + "?busy_timeout=5000");
    }
}

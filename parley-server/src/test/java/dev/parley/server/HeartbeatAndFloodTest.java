package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Heartbeats, idle timeout and flood protection, with short timings configured for the test. */
class HeartbeatAndFloodTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.ws.ping-interval", "300ms")
            .with("parley.ws.idle-timeout", "900ms")
            .with("parley.limits.sends-per-second", 1)
            .with("parley.limits.send-burst", 2)
            .with("parley.ws.max-rate-limited-per-minute", 5);

    private final TestApi api = new TestApi(server.http());

    @Test
    void silentPeerIsPingedThenClosedWithIdleTimeout() throws Exception {
        TestApi.Account a = api.newUser("idle");
        try (RawWebSocket raw = new RawWebSocket(server.port(), "/v1/ws?access_token=" + a.token(), 0)) {
            assertThat(raw.read().text()).contains("\"type\":\"ready\"");
            assertThat(raw.read().text()).contains("\"type\":\"synced\"");
            assertThat(raw.read().opcode()).isEqualTo(RawWebSocket.PING);
            RawWebSocket.Frame next = raw.read();
            while (next.opcode() == RawWebSocket.PING) {
                next = raw.read();
            }
            assertThat(next.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(next.closeCode()).isEqualTo(CloseCodes.IDLE_TIMEOUT);
        }
    }

    @Test
    void silentPeerIsPingedAgainAfterEachPingIntervalBeforeTheClose() throws Exception {
        TestApi.Account a = api.newUser("pinged");
        try (RawWebSocket raw = new RawWebSocket(server.port(), "/v1/ws?access_token=" + a.token(), 0)) {
            int pings = 0;
            RawWebSocket.Frame next = raw.read();
            while (next.opcode() != RawWebSocket.CLOSE) {
                pings += next.opcode() == RawWebSocket.PING ? 1 : 0;
                next = raw.read();
            }
            // 300 ms and 600 ms of silence each ping, 900 ms closes (one may be skipped only on a stalled machine).
            assertThat(pings).isBetween(1, 2);
            assertThat(next.closeCode()).isEqualTo(CloseCodes.IDLE_TIMEOUT);
        }
    }

    @Test
    void aPlainHttpConnectionIsClosedAfterOnePingIntervalOfSilence() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000); // a safety net only: the server closes after 300 ms
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void peerAnsweringPingsStaysConnected() {
        TestApi.Account a = api.newUser("alive");
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> !ws.isClosed());
            ws.send("{\"type\":\"ping\",\"id\":\"p\"}");
            ws.expect(ServerFrame.Synced.class);
            assertThat(ws.expect(ServerFrame.Pong.class).id()).isEqualTo("p");
        }
    }

    @Test
    void sendsBeyondTheRateGetRateLimitedAndAFloodIsClosed() {
        TestApi.Account a = api.newUser("flood");
        TestApi.Account b = api.newUser("target");
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
            ws.expect(ServerFrame.Synced.class);
            ws.send("{\"type\":\"openDirect\",\"id\":\"o\",\"userId\":" + b.userId() + "}");
            long chat = 0;
            while (chat == 0) {
                if (ws.next() instanceof ServerFrame.ChatResult r) {
                    chat = r.chat().id();
                }
            }
            int limited = 0;
            for (int i = 0; i < 20 && !ws.isClosed(); i++) {
                ws.send("{\"type\":\"send\",\"id\":\"s" + i + "\",\"chatId\":" + chat + ",\"clientId\":\"f" + i + "\",\"text\":\"x\"}");
            }
            while (true) {
                String frame = ws.nextTextOrNull();
                if (frame == null) {
                    break;
                }
                if (frame.contains("\"code\":\"rate_limited\"")) {
                    limited++;
                }
            }
            assertThat(limited).isGreaterThanOrEqualTo(5);
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.FLOOD);
        }
    }
}

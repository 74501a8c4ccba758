package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebSocketProtocolTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.ws.auth-timeout", "1s")
            .with("parley.ws.max-frame-bytes", 4096);

    private final TestApi api = new TestApi(server.http());

    @Test
    void authenticatesWithFirstFrame() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"auth\",\"id\":\"a1\",\"token\":\"" + a.token() + "\"}");
            ServerFrame.Ready ready = ws.expect(ServerFrame.Ready.class);
            assertThat(ready.id()).isEqualTo("a1");
            assertThat(ready.userId()).isEqualTo(a.userId());
            assertThat(ready.deviceId()).isEqualTo(a.deviceId());
            ws.expect(ServerFrame.Synced.class);
            ws.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            assertThat(ws.expect(ServerFrame.Pong.class).id()).isEqualTo("p1");
        }
    }

    @Test
    void authenticatesWithQueryTokenOrSubprotocol() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = RecordingWebSocket.connect(URI.create(server.ws() + "?access_token=" + a.token()))) {
            assertThat(ws.expect(ServerFrame.Ready.class).userId()).isEqualTo(a.userId());
        }
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws(), List.of("parley.v1", "bearer." + a.token()))) {
            assertThat(ws.subprotocol()).isEqualTo("parley.v1");
            assertThat(ws.expect(ServerFrame.Ready.class).userId()).isEqualTo(a.userId());
        }
    }

    @Test
    void badTokenClosesWith4001() {
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"auth\",\"id\":\"a1\",\"token\":\"forged\"}");
            ws.expectError("unauthenticated", "a1");
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.UNAUTHENTICATED);
        }
    }

    @Test
    void noAuthFrameInTimeClosesWith4001() {
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.UNAUTHENTICATED);
        }
    }

    @Test
    void requestsBeforeAuthGetUnauthenticated() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"getChats\",\"id\":\"c1\"}");
            ws.expectError("unauthenticated", "c1");
            ws.send("{\"type\":\"auth\",\"id\":\"a1\",\"token\":\"" + a.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
        }
    }

    @Test
    void everyBadFrameGetsAnErrorAndTheConnectionSurvives() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = authenticated(a)) {
            ws.send("{not json");
            ws.expectError("malformed_json", null);
            ws.send("{\"type\":\"teleport\",\"id\":\"r1\"}");
            ws.expectError("unknown_type", "r1");
            ws.send("{\"type\":\"send\",\"id\":\"r2\",\"clientId\":\"c\",\"text\":\"x\"}");
            assertThat(ws.expectError("invalid_frame", "r2").message()).contains("chatId");
            ws.send("{\"type\":\"send\",\"id\":\"r3\",\"chatId\":\"one\",\"clientId\":\"c\",\"text\":\"x\"}");
            assertThat(ws.expectError("invalid_frame", "r3").message()).contains("chatId").contains("integer");
            ws.send("{\"type\":\"ping\",\"id\":\"r4\",\"pad\":\"" + "x".repeat(5000) + "\"}");
            ws.expectError("frame_too_large", null);
            ws.sendBinary(new byte[] {1, 2, 3});
            ws.expectError("invalid_frame", null);
            ws.send("{\"type\":\"send\",\"id\":\"r5\",\"chatId\":999999,\"clientId\":\"c\",\"text\":\"x\"}");
            ws.expectError("not_found", "r5");
            ws.send("{\"type\":\"ping\",\"id\":\"alive\"}");
            assertThat(ws.expect(ServerFrame.Pong.class).id()).isEqualTo("alive");
        }
    }

    @Test
    void frameBeyondTheTransportLimitClosesWith1009() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = authenticated(a)) {
            ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.TOO_BIG);
        }
    }

    @Test
    void repeatedGarbageClosesWithPolicyViolation() {
        TestApi.Account a = api.newUser("ws");
        try (RecordingWebSocket ws = authenticated(a)) {
            for (int i = 0; i < 30 && !ws.isClosed(); i++) {
                ws.send("garbage " + i);
            }
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
    }

    @Test
    void revokingADeviceClosesItsConnectionAtOnce() {
        TestApi.Account a = api.newUser("ws");
        TestApi.Account other = api.login(a.username(), "second");
        try (RecordingWebSocket ws = authenticated(other)) {
            assertThat(api.call("DELETE", "/v1/devices/" + other.deviceId(), a.token(), null).status()).isEqualTo(204);
            RecordingWebSocket.Closed closed = ws.awaitClose();
            assertThat(closed.code()).isEqualTo(CloseCodes.DEVICE_REVOKED);
            assertThat(closed.reason()).contains("revoked");
        }
        try (RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            ws.send("{\"type\":\"auth\",\"token\":\"" + other.token() + "\"}");
            ws.expectError("unauthenticated", null);
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.UNAUTHENTICATED);
        }
    }

    private RecordingWebSocket authenticated(TestApi.Account a) {
        RecordingWebSocket ws = RecordingWebSocket.connect(server.ws());
        ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"}");
        ws.expect(ServerFrame.Ready.class);
        ws.expect(ServerFrame.Synced.class);
        return ws;
    }
}

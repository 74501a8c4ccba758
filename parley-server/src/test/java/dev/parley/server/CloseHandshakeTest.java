package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly one close frame leaves the server, whoever starts the close handshake (RFC 6455 §5.5.1). */
class CloseHandshakeTest {
    @RegisterExtension
    static TestServer server = new TestServer();

    private final TestApi api = new TestApi(server.http());

    private RawWebSocket connected(TestApi.Account a) {
        RawWebSocket ws = new RawWebSocket(server.port(), "/v1/ws?access_token=" + a.token(), 0);
        assertThat(ws.read().text()).contains("\"ready\"");
        assertThat(ws.read().text()).contains("\"synced\"");
        return ws;
    }

    @Test
    void aClientsCloseIsEchoedOnceAndTheConnectionEnds() throws Exception {
        try (RawWebSocket ws = connected(api.newUser("cc"))) {
            ws.sendClose(1000);
            RawWebSocket.Frame reply = ws.read();
            assertThat(reply.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(reply.closeCode()).isEqualTo(1000);
            assertThat(ws.atEnd()).isTrue();
        }
    }

    @Test
    void theServersCloseIsNotFollowedByASecondOneWhenTheClientReplies() throws Exception {
        TestApi.Account a = api.newUser("rv");
        try (RawWebSocket ws = connected(a)) {
            api.call("DELETE", "/v1/devices/" + a.deviceId(), a.token(), null);
            RawWebSocket.Frame close = ws.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(4003);
            ws.sendClose(4003);
            assertThat(ws.atEnd()).as("nothing after the one close frame").isTrue();
        }
    }
}

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

    /**
     * A frame announced larger than the transport limit, whose payload the client is still sending: the server
     * answers 1009 and keeps reading (and discarding) until the client is done, so the client reads the close frame
     * instead of a connection reset (before: the socket was closed with unread input, and the client saw 1006).
     */
    @Test
    void anOversizedFrameStillArrivingGetsTheCloseFrameNotAReset() {
        try (RawWebSocket ws = connected(api.newUser("big"))) {
            int announced = 4 << 20;
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(14).put((byte) 0x81).put((byte) (0x80 | 127))
                    .putLong(announced).putInt(0);
            ws.sendRaw(header.array());
            byte[] chunk = new byte[64 << 10];
            for (int sent = 0; sent < (2 << 20); sent += chunk.length) {
                ws.sendRaw(chunk);
            }
            RawWebSocket.Frame close = ws.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
            ws.shutdownOutput();
            assertThat(ws.atEnd()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIGTERM: connections are told 1001, the store is flushed, the process exits, and nothing acknowledged is lost. */
class ShutdownTest {
    @Test
    void sigtermClosesConnectionsWithGoingAwayAndKeepsData() throws Exception {
        Path dir = Files.createTempDirectory("parley-shutdown");
        Map<String, String> env = Map.of("PARLEY_ARGON2_MEMORY_KIB", "1024");
        TestApi.Account a;
        TestApi.Account b;
        ServerFrame.Accepted accepted;
        try (ServerProcess server = new ServerProcess(dir, env).start()) {
            TestApi api = new TestApi(server.http());
            a = api.newUser("term");
            b = api.newUser("peer");
            RecordingWebSocket ws = RecordingWebSocket.connect(server.ws());
            ws.send("{\"type\":\"auth\",\"token\":\"" + a.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
            ws.send("{\"type\":\"openDirect\",\"id\":\"o\",\"userId\":" + b.userId() + "}");
            long chat = ws.skipTo(ServerFrame.ChatResult.class).chat().id();
            ws.send("{\"type\":\"send\",\"id\":\"s\",\"chatId\":" + chat + ",\"clientId\":\"last\",\"text\":\"bye\"}");
            accepted = ws.skipTo(ServerFrame.Accepted.class);

            Process process = server.process();
            process.destroy();
            assertThat(ws.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(process.waitFor()).isEqualTo(143);
            assertThat(Files.readString(dir.resolve("server.log"))).contains("parley shutting down").contains("parley stopped");
        }
        try (ServerProcess server = new ServerProcess(dir, env).start()) {
            RecordingWebSocket ws = RecordingWebSocket.connect(server.ws());
            ws.send("{\"type\":\"auth\",\"token\":\"" + b.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
            ws.send("{\"type\":\"getHistory\",\"id\":\"h\",\"chatId\":" + accepted.chatId() + "}");
            ServerFrame.History history = ws.skipTo(ServerFrame.History.class);
            assertThat(history.messages()).extracting(m -> m.clientId()).containsExactly("last");
        }
    }

}

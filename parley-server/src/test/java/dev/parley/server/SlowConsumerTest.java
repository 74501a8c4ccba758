package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A device that stops reading is disconnected once its outbound buffer passes the high-water mark — the
 * server's memory per connection stays bounded — and on reconnect it resumes from its cursor with nothing lost.
 */
class SlowConsumerTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.ws.outbound-high-water-bytes", 65536)
            .with("parley.ws.max-pending-updates", 16)
            .with("parley.ws.slow-consumer-timeout", "1s")
            .with("parley.limits.max-text-length", 30000)
            .with("parley.limits.sends-per-second", 100000)
            .with("parley.limits.send-burst", 100000);

    private final TestApi api = new TestApi(server.http());

    @Test
    void stalledReaderIsClosedAndResumesLosslessly() throws Exception {
        TestApi.Account sender = api.newUser("fast");
        TestApi.Account slow = api.newUser("slow");
        String text = "y".repeat(30000);
        try (RawWebSocket stalled = new RawWebSocket(server.port(), "/v1/ws?access_token=" + slow.token(), 4096);
             RecordingWebSocket ws = RecordingWebSocket.connect(server.ws())) {
            assertThat(stalled.read().text()).contains("\"type\":\"ready\"");
            ws.send("{\"type\":\"auth\",\"token\":\"" + sender.token() + "\"}");
            ws.expect(ServerFrame.Ready.class);
            ws.send("{\"type\":\"openDirect\",\"id\":\"o\",\"userId\":" + slow.userId() + "}");
            long chat = ws.skipTo(ServerFrame.ChatResult.class).chat().id();
            int sent = 0;
            while (slowConsumers() == 0 && sent < 2000) {
                ws.send("{\"type\":\"send\",\"id\":\"s\",\"chatId\":" + chat + ",\"clientId\":\"big-" + sent
                        + "\",\"text\":\"" + text + "\"}");
                ws.skipTo(ServerFrame.Accepted.class);
                sent++;
            }
            assertThat(slowConsumers()).as("the stalled device was cut off").isEqualTo(1.0);

            try (RecordingWebSocket again = RecordingWebSocket.connect(server.ws())) {
                again.send("{\"type\":\"auth\",\"token\":\"" + slow.token() + "\"}");
                long cursor = again.expect(ServerFrame.Ready.class).cursor();
                int messages = 0;
                while (!(again.next() instanceof ServerFrame.Synced s)) {
                    messages++;
                }
                assertThat(cursor).isZero();
                assertThat(messages).as("chat event + every message, once").isEqualTo(sent + 1);
            }
        }
    }

    private double slowConsumers() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.http().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("parley_ws_slow_consumers_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

}

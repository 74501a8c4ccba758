package dev.parley.client;

import static dev.parley.client.FakeTransport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState.Phase;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client over real sockets and the JDK WebSocket, against a minimal test WebSocket server. */
class JdkWebSocketTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RecordingListener listener = new RecordingListener();
    private MiniWebSocketServer server;
    private ParleyClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ParleyClient start() throws Exception {
        server = new MiniWebSocketServer();
        client = ParleyClient.builder(server.uri(), "tok").listener(listener).name("jdk")
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .ackCoalescing(Duration.ofMillis(10), 100)
                .closeTimeout(Duration.ofSeconds(2))
                .build();
        return client;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field '" + name + "' in " + json);
        }
        return m.group(1);
    }

    private static void ready(MiniWebSocketServer.Peer peer, String auth, long cursor) throws Exception {
        peer.send("{'type':'ready','id':'" + field(auth, "id") + "','userId':1,'deviceId':2,'cursor':" + cursor
                + ",'head':" + cursor + ",'serverTime':0}");
    }

    @Test
    void connectsReceivesUpdatesSendsAndIsRevoked() throws Exception {
        start();
        CompletableFuture<ServerFrame.Ready> connected = client.connect();
        MiniWebSocketServer.Peer peer = server.nextPeer();
        String auth = peer.nextContaining("\"auth\"");
        assertThat(field(auth, "token")).isEqualTo("tok");
        ready(peer, auth, 0);
        assertThat(connected).succeedsWithin(WAIT);

        String big = "x".repeat(70_000);
        peer.send("{'type':'update','cursor':1,'event':{'kind':'message','message':{'chatId':9,'seq':1,'id':'m1',"
                + "'senderId':5,'senderDeviceId':6,'clientId':'c','kind':'text','text':'" + big + "','ts':0}}}");
        peer.send("{'type':'synced','cursor':1}");
        assertThat(field(peer.nextContaining("\"ack\""), "cursor")).isEqualTo("1");
        assertThat(listener.messages).singleElement().satisfies(m -> assertThat(m.text()).hasSize(70_000));

        CompletableFuture<ServerFrame.Accepted> accepted = client.send(9, "hello");
        String send = peer.nextContaining("\"send\"");
        peer.send("{'type':'accepted','id':'" + field(send, "id") + "','chatId':9,'seq':2,'messageId':'m2','clientId':'"
                + field(send, "clientId") + "','serverTime':0}");
        assertThat(accepted).succeedsWithin(WAIT).extracting(ServerFrame.Accepted::seq).isEqualTo(2L);

        peer.close(4003, "device revoked");
        assertThat(client.closed()).succeedsWithin(WAIT).satisfies(s -> {
            assertThat(s.closeCode()).isEqualTo(4003);
            assertThat(s.reason()).isEqualTo("device revoked");
        });
    }

    @Test
    void aDroppedConnectionIsReopenedFromTheLastProcessedCursor() throws Exception {
        start();
        client.connect();
        MiniWebSocketServer.Peer first = server.nextPeer();
        ready(first, first.nextContaining("\"auth\""), 4);
        first.send("{'type':'update','cursor':5,'event':{'kind':'chat','chatId':3,'chatKind':'direct','members':[1,2]}}");
        await().atMost(WAIT).until(() -> client.cursor() == 5);
        first.drop();

        MiniWebSocketServer.Peer second = server.nextPeer();
        String auth = second.nextContaining("\"auth\"");
        assertThat(field(auth, "cursor")).isEqualTo("5");
        ready(second, auth, 5);
        await().atMost(WAIT).until(() -> client.state().phase() == Phase.SYNCING);
        assertThat(listener.phases()).contains(Phase.RECONNECTING);
    }

    @Test
    void closeSendsANormalCloseFrame() throws Exception {
        start();
        client.connect();
        MiniWebSocketServer.Peer peer = server.nextPeer();
        ready(peer, peer.nextContaining("\"auth\""), 0);
        await().atMost(WAIT).until(() -> client.state().phase() == Phase.SYNCING);
        client.close();
        await().atMost(WAIT).until(() -> peer.closeCodeReceived == 1000);
        assertThat(client.state().phase()).isEqualTo(Phase.CLOSED);
    }
}

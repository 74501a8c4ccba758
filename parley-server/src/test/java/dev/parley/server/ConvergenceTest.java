package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ConnectionState;
import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two devices of one user and a second user drop off the network and come back again and again while
 * messages flow (through the SDK, with its outbox and resume). In the end every device has received every
 * message exactly once, in seq order, and all see the same history.
 */
class ConvergenceTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.limits.sends-per-second", 1000)
            .with("parley.limits.send-burst", 1000);

    /** One device: its proxy (its network), its client and what its listener saw. */
    record Device(String name, TcpProxy network, ParleyClient client, List<Views.Message> received) {
    }

    private final List<Device> devices = new ArrayList<>();

    @AfterEach
    void closeAll() {
        devices.forEach(d -> {
            d.client().close();
            d.network().close();
        });
    }

    @Test
    void devicesGoingOfflineAndOnlineConvergeWithNothingLostOrDoubled() throws Exception {
        TestApi api = new TestApi(server.http());
        TestApi.Account alice = api.newUser("alice");
        TestApi.Account alice2 = api.login(alice.username(), "alice-tablet");
        TestApi.Account bob = api.newUser("bob");
        Device a1 = device("alice-phone", alice);
        Device a2 = device("alice-tablet", alice2);
        Device b1 = device("bob-phone", bob);
        long chat = a1.client().openDirect(bob.userId()).get(10, TimeUnit.SECONDS).id();

        Random random = new Random(42);
        List<CompletableFuture<ServerFrame.Accepted>> sends = new ArrayList<>();
        List<Device> senders = List.of(a1, a2, b1);
        for (int round = 0; round < 150; round++) {
            Device sender = senders.get(round % 3);
            sends.add(sender.client().send(chat, sender.name() + " says " + round));
            if (round % 10 == 5) {
                Device victim = senders.get(random.nextInt(3));
                victim.network().cut();
                await().until(() -> victim.client().state().phase() != ConnectionState.Phase.LIVE);
            }
            if (round % 10 == 9) {
                senders.forEach(d -> d.network().restore());
            }
        }
        senders.forEach(d -> d.network().restore());
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int total = sends.size();

        for (Device d : devices) {
            await().atMost(Duration.ofSeconds(60)).until(() -> d.received().size() >= total);
            assertThat(d.received()).as("%s got every message once, in order", d.name())
                    .extracting(Views.Message::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        }
        List<String> reference = history(a1.client(), chat);
        assertThat(reference).hasSize(total).doesNotHaveDuplicates();
        for (Device d : devices) {
            assertThat(history(d.client(), chat)).as("history seen by %s", d.name()).isEqualTo(reference);
        }
        assertThat(sends.stream().map(CompletableFuture::join).map(ServerFrame.Accepted::seq))
                .doesNotHaveDuplicates().hasSize(total);
    }

    private Device device(String name, TestApi.Account account) {
        TcpProxy network = new TcpProxy(server.port());
        List<Views.Message> received = new CopyOnWriteArrayList<>();
        ParleyClient client = ParleyClient.builder(URI.create("http://127.0.0.1:" + network.port()), account.token())
                .name(name)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .sendRetryInterval(Duration.ofSeconds(2))
                .listener(new Listener() {
                    @Override
                    public void onMessage(Views.Message message, long cursor) {
                        received.add(message);
                    }
                })
                .build();
        client.connect().join();
        Device d = new Device(name, network, client, received);
        devices.add(d);
        return d;
    }

    private static List<String> history(ParleyClient client, long chat) throws Exception {
        List<String> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ServerFrame.History page = client.history(chat, null, after, 200).get(10, TimeUnit.SECONDS);
            page.messages().forEach(m -> all.add(m.seq() + ":" + m.clientId() + ":" + m.text()));
            if (!page.more()) {
                return all;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
    }
}

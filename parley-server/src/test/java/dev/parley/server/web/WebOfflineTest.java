package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser's network goes away (ChromeDriver network conditions: offline): the WebSocket really drops (the
 * server counts one connection less and the peer sees "last seen"), the offline banner shows, messages typed
 * meanwhile wait in the persisted outbox, and when the network is back they arrive exactly once, in order.
 */
@ExtendWith(FailureScreenshots.class)
class WebOfflineTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static TestApi api;
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    static Browser alice;
    static Browser bob;

    @BeforeAll
    static void browsers() {
        api = new TestApi(server.http());
        alice = new Browser("alice", server.http(), 1100, 760);
        bob = new Browser("bob", server.http(), 1100, 760);
    }

    @AfterAll
    static void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void messagesTypedOfflineWaitInTheOutboxAndArriveOnceInOrder() {
        TestApi.Account a = api.newUser("Alice");
        TestApi.Account b = api.newUser("Bob");
        alice.login(a.username(), WebChatTest.PASSWORD);
        bob.login(b.username(), WebChatTest.PASSWORD);
        alice.startChat(b.username());
        alice.send("before the tunnel");
        bob.openChat("Alice");
        bob.message("before the tunnel");
        alice.waitTick("before the tunnel", "read");
        alice.until("two connections", d -> connections() == 2 ? true : null);
        assertThat(alice.element("#net-banner").isDisplayed()).isFalse();

        alice.offline(true);
        alice.find("#net-banner");
        alice.until("the server sees the disconnect", d -> connections() == 1 ? true : null);
        bob.until("Alice's last seen", d -> bob.status().startsWith("last seen") ? true : null);
        alice.send("first while offline");
        alice.send("second while offline");
        alice.waitTick("first while offline", "pending");
        alice.waitTick("second while offline", "pending");
        alice.waitText("#net-banner", "2 messages will be sent");
        Object stored = alice.js("return Object.keys(localStorage).filter(k => k.endsWith('.outbox'))"
                + ".map(k => JSON.parse(localStorage.getItem(k)).map(e => e.text)).flat()");
        assertThat((List<Object>) stored).containsExactly("first while offline", "second while offline");
        alice.screenshot("10-offline-outbox");
        assertThat(bob.texts()).containsExactly("before the tunnel");

        alice.offline(false);
        bob.message("second while offline");
        alice.waitTick("second while offline", "read");
        alice.waitTick("first while offline", "read");
        alice.until("the banner goes", d -> alice.element("#net-banner").isDisplayed() ? null : true);
        alice.screenshot("11-back-online-sent");
        bob.screenshot("12-peer-received-once");
        assertThat(bob.texts()).containsExactly("before the tunnel", "first while offline", "second while offline");
        assertThat(alice.texts()).containsExactly("before the tunnel", "first while offline", "second while offline");
        Object outbox = alice.js("return Object.keys(localStorage).filter(k => k.endsWith('.outbox'))"
                + ".map(k => JSON.parse(localStorage.getItem(k)).length).reduce((x, y) => x + y, 0)");
        assertThat(((Number) outbox).intValue()).isZero();

        // the server stored each exactly once, in order (a reload shows the history from the server)
        bob.driver.navigate().refresh();
        bob.openChat("Alice");
        bob.message("second while offline");
        assertThat(bob.texts()).containsExactly("before the tunnel", "first while offline", "second while offline");
    }

    /** Open WebSocket connections as the server counts them (the parley_ws_connections gauge). */
    static int connections() {
        return connections(server.http());
    }

    static int connections(java.net.URI base) {
        try {
            String metrics = HTTP.send(java.net.http.HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(java.time.Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("parley_ws_connections "))
                    .mapToInt(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

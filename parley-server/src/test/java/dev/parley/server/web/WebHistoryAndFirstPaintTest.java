package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ParleyClient;
import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user with 25 chats, one of them 130 messages long: the chat list's first paint is measured in the browser
 * (performance.now() from navigation start until the list is rendered with the server's chats, over five
 * reloads) and must stay under a second; older history loads as the conversation is scrolled up, every
 * message exactly once and in order.
 */
@ExtendWith(FailureScreenshots.class)
class WebHistoryAndFirstPaintTest {
    static final int CHATS = 25;
    static final int LONG_CHAT = 130;

    @RegisterExtension
    static TestServer server = new TestServer().with("parley.limits.sends-per-second", 1000)
            .with("parley.limits.send-burst", 1000);
    static TestApi api;
    static Browser browser;
    static TestApi.Account pat;

    @BeforeAll
    static void seed() throws Exception {
        api = new TestApi(server.http());
        pat = api.newUser("Pat");
        try (ParleyClient client = ParleyClient.builder(server.http(), pat.token()).build()) {
            client.connect().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < CHATS; i++) {
                TestApi.Account other = api.newUser(i == CHATS - 1 ? "Zoe" : "Friend" + i);
                long chat = client.openDirect(other.userId()).get(10, TimeUnit.SECONDS).id();
                int count = i == CHATS - 1 ? LONG_CHAT : 1;
                List<java.util.concurrent.CompletableFuture<?>> sends = new ArrayList<>();
                for (int m = 1; m <= count; m++) {
                    sends.add(client.send(chat, (count == 1 ? "hello friend " + i : "m" + m)));
                }
                for (var s : sends) {
                    s.get(10, TimeUnit.SECONDS);
                }
            }
        }
        browser = new Browser("pat", server.http(), 1200, 800);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void chatListPaintsWithinASecondAndHistoryPagesBackwards() throws IOException {
        browser.login(pat.username(), WebChatTest.PASSWORD);
        browser.until("all chats", d -> browser.all(".chat-item").size() == CHATS ? true : null);

        List<Double> paints = new ArrayList<>();
        List<Map<String, Object>> timings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser.driver.navigate().refresh();
            Number paint = browser.until("first paint of the chat list",
                    d -> (Number) browser.js("return window.parleyFirstPaint"));
            paints.add(paint.doubleValue());
            timings.add((Map<String, Object>) browser.js("const n = performance.getEntriesByType('navigation')[0];"
                    + "return {responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd,"
                    + " chats: document.querySelectorAll('.chat-item').length}"));
        }
        assertThat(timings).allSatisfy(t -> assertThat(((Number) t.get("chats")).intValue()).isEqualTo(CHATS));
        List<Double> sorted = paints.stream().sorted().toList();
        String report = String.format("first paint of the chat list (%d chats), ms after navigation start: median %.0f,"
                + " max %.0f, all %s; navigation timings %s", CHATS, sorted.get(2), sorted.get(4), paints, timings);
        System.out.println(report);
        Files.createDirectories(Browser.SCREENSHOTS.getParent());
        Files.writeString(Browser.SCREENSHOTS.getParent().resolve("web-first-paint.txt"), report + "\n");
        assertThat(sorted.get(4)).as(report).isLessThan(1000);
        browser.screenshot("40-chat-list-25-chats");

        browser.openChat("Zoe");
        browser.message("m" + LONG_CHAT);
        assertThat(browser.texts()).hasSizeLessThan(LONG_CHAT).endsWith("m" + LONG_CHAT);
        browser.until("every older page", d -> {
            browser.js("document.getElementById('messages').scrollTop = 0");
            return browser.texts().size() == LONG_CHAT && browser.find(".history-top").getText()
                    .equals("Beginning of the chat") ? true : null;
        });
        assertThat(browser.texts()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, LONG_CHAT).mapToObj(i -> "m" + i).toList());
        browser.screenshot("41-history-scrolled-to-the-beginning");
        browser.assertNoConsoleErrors();
    }
}

package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ParleyClient;
import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Two people in two real browsers: they register through the UI, start a chat, exchange messages and watch
 * the ticks move ✓ → ✓✓ → blue, the typing indicator, "online" / "last seen" in the header, the unread
 * badge, and the keyboard rules of the composer.
 */
@ExtendWith(FailureScreenshots.class)
class WebChatTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static final String PASSWORD = "correct horse battery";
    static Browser alice;
    static Browser bob;

    @BeforeAll
    static void browsers() {
        alice = new Browser("alice", server.http(), 1200, 800);
        bob = new Browser("bob", server.http(), 1200, 800);
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
    void twoPeopleChatWithLiveTicksTypingAndPresence() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String a = "alice" + suffix;
        String b = "bob" + suffix;
        alice.register(a, "Alice", PASSWORD);
        bob.register(b, "Bob", PASSWORD);
        alice.screenshot("01-registered-empty-list");

        bob.open("/no-such-page"); // Bob closes the app: Alice's first message can only be accepted (✓)
        alice.startChat(b);
        alice.send("Hello Bob");
        alice.waitTick("Hello Bob", "sent");
        alice.waitText("#conv-status", "last seen");
        alice.screenshot("02-sent-one-tick");

        bob.open("/"); // Bob comes back: his device receives and acknowledges the message → ✓✓
        alice.waitTick("Hello Bob", "delivered");
        WebElement badge = bob.find(".chat-item .badge");
        assertThat(badge.getText()).isEqualTo("1");
        assertThat(bob.find(".chat-item .ci-text").getText()).isEqualTo("Hello Bob");
        alice.waitText("#conv-status", "online");
        alice.screenshot("03-delivered-two-ticks");
        bob.screenshot("04-bob-unread-badge");

        bob.openChat("Alice"); // Bob reads → blue ✓✓ and no more badge
        bob.message("Hello Bob");
        alice.waitTick("Hello Bob", "read");
        bob.until("the badge clears", d -> bob.present(".chat-item .badge") ? null : true);
        alice.screenshot("05-read-blue-ticks");

        bob.find("#composer-input").sendKeys("I am typ");
        alice.waitText("#conv-status", "typing…");
        alice.waitText(".chat-item .ci-preview.typing", "typing…");
        alice.screenshot("06-typing-indicator");
        bob.find("#composer-input").sendKeys("ing an answer", Keys.ENTER);
        alice.message("I am typing an answer");
        alice.waitText("#conv-status", "online"); // a message from Bob ends his typing indicator
        bob.waitTick("I am typing an answer", "read"); // Alice has the chat open and visible
        assertThat(bob.find("#composer-input").getAttribute("value")).isEmpty();

        // Shift+Enter is a new line, Enter sends
        WebElement input = alice.find("#composer-input");
        input.sendKeys("line one", Keys.chord(Keys.SHIFT, Keys.ENTER), "line two");
        assertThat(input.getAttribute("value")).isEqualTo("line one\nline two");
        assertThat(alice.texts()).doesNotContain("line one");
        input.sendKeys(Keys.ENTER);
        bob.message("line one\nline two");
        assertThat(alice.texts()).containsSubsequence("Hello Bob", "I am typing an answer", "line one\nline two");
        assertThat(bob.texts()).containsExactly("Hello Bob", "I am typing an answer", "line one\nline two");

        // a reply quotes the message
        WebElement hello = bob.message("Hello Bob");
        new org.openqa.selenium.interactions.Actions(bob.driver).moveToElement(hello).perform();
        hello.findElement(org.openqa.selenium.By.cssSelector(".reply-btn")).click();
        bob.find("#reply-bar");
        bob.send("Quoting you");
        WebElement reply = alice.message("Quoting you");
        assertThat(reply.findElement(org.openqa.selenium.By.cssSelector(".quote")).getText()).contains("Hello Bob");
        alice.screenshot("07-conversation-reply");

        // Bob leaves: after the grace period Alice's header says "last seen today at …"
        bob.open("/no-such-page");
        alice.until("last seen after Bob left", d -> alice.status().startsWith("last seen today at") ? true : null);
        alice.screenshot("08-last-seen");
        alice.assertNoConsoleErrors();
    }

    /** Bob's phone (the SDK) reads and writes: Bob's browser clears its badge and shows his own message. */
    @Test
    void unreadCountsAndTicksFollowTheUsersOtherDevices() throws Exception {
        TestApi api = new TestApi(server.http());
        TestApi.Account carl = api.newUser("Carl");
        TestApi.Account dora = api.newUser("Dora");
        TestApi.Account doraPhone = api.login(dora.username(), "phone");
        bob.login(dora.username(), PASSWORD);
        try (ParleyClient carlApp = ParleyClient.builder(server.http(), carl.token()).build();
             ParleyClient phone = ParleyClient.builder(server.http(), doraPhone.token()).build()) {
            carlApp.connect().get(10, TimeUnit.SECONDS);
            phone.connect().get(10, TimeUnit.SECONDS);
            long chat = carlApp.openDirect(dora.userId()).get(10, TimeUnit.SECONDS).id();
            carlApp.send(chat, "one").get(10, TimeUnit.SECONDS);
            long last = carlApp.send(chat, "two").get(10, TimeUnit.SECONDS).seq();
            bob.until("two unread", d -> bob.present(".chat-item .badge")
                    && bob.find(".chat-item .badge").getText().equals("2") ? true : null);
            bob.screenshot("09-unread-before-other-device-reads");

            phone.markRead(chat, last).get(10, TimeUnit.SECONDS); // Dora reads on her phone
            bob.until("the badge clears", d -> bob.present(".chat-item .badge") ? null : true);

            phone.send(chat, "sent from my phone").get(10, TimeUnit.SECONDS);
            bob.waitText(".chat-item .ci-text", "sent from my phone");
            bob.openChat("Carl");
            assertThat(bob.message("sent from my phone").getAttribute("class")).contains("out");
            bob.until("Carl's device delivered it", d -> {
                String t = bob.tick("sent from my phone");
                return "delivered".equals(t) || "read".equals(t) ? true : null;
            });
            assertThat(bob.texts()).containsExactly("one", "two", "sent from my phone");
        }
    }
}

package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Devices (list, revoke another, revoked from elsewhere, log out), a narrow window (list or conversation, never
 * both), dark mode from the system, the chat filter, and keyboard access (every control has a name, Ctrl+K).
 */
@ExtendWith(FailureScreenshots.class)
class WebDevicesAndLayoutTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static TestApi api;
    static Browser browser;

    @BeforeAll
    static void open() {
        api = new TestApi(server.http());
        browser = new Browser("eve", server.http(), 1200, 800);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void devicesCanBeListedAndRevokedAndARevokedBrowserIsLoggedOut() {
        TestApi.Account eve = api.newUser("Eve");
        TestApi.Account phone = api.login(eve.username(), "Pixel 8");
        browser.login(eve.username(), WebChatTest.PASSWORD);
        browser.click("#devices-button");
        browser.until("three devices", d -> browser.all("#device-list .device").size() == 3 ? true : null);
        List<String> names = browser.all("#device-list .device-name").stream().map(WebElement::getText).toList();
        assertThat(names).containsExactly("device-1", "Pixel 8", "Chrome on Linux (this browser)");
        browser.screenshot("30-devices");

        browser.click("#device-list .device[data-device-id='" + phone.deviceId() + "'] button");
        browser.acceptAlert();
        browser.until("Pixel 8 gone", d -> browser.all("#device-list .device").size() == 2 ? true : null);
        assertThat(api.call("GET", "/v1/me", phone.token(), null).status()).isEqualTo(401);
        browser.keys(Keys.ESCAPE);

        // revoked from another device: the browser's connection closes with 4003 and it shows the login screen
        long browserDevice = api.call("GET", "/v1/devices", eve.token(), null).body().get("devices").findValues("id")
                .stream().mapToLong(n -> n.asLong()).max().orElseThrow();
        assertThat(api.call("DELETE", "/v1/devices/" + browserDevice, eve.token(), null).status()).isEqualTo(204);
        browser.waitText(".notice", "This device was logged out.");
        assertThat(browser.js("return localStorage.getItem('parley.session')")).isNull();
        browser.screenshot("31-revoked-logged-out");

        // logging in again and logging out with the button
        browser.login(eve.username(), WebChatTest.PASSWORD);
        String token = (String) browser.js("return JSON.parse(localStorage.getItem('parley.session')).token");
        browser.click("#logout-button");
        browser.acceptAlert();
        browser.waitText(".notice", "You are logged out.");
        assertThat(api.call("GET", "/v1/me", token, null).status()).isEqualTo(401);
    }

    @Test
    void narrowWindowShowsListOrConversationAndDarkModeFollowsTheSystem() {
        TestApi.Account me = api.newUser("Nia");
        TestApi.Account zed = api.newUser("Zed");
        TestApi.Account yan = api.newUser("Yan");
        browser.login(me.username(), WebChatTest.PASSWORD);
        browser.startChat(zed.username());
        browser.send("hi Zed");
        browser.startChat(yan.username());
        browser.send("hi Yan");

        // the filter narrows the list by name
        browser.type("#chat-filter", "ze");
        browser.until("one match", d -> browser.all(".chat-item").size() == 1 ? true : null);
        assertThat(browser.find(".chat-item .ci-name").getText()).isEqualTo("Zed");
        browser.find("#chat-filter").clear();
        browser.find("#chat-filter").sendKeys(" ", Keys.BACK_SPACE);
        browser.until("both chats", d -> browser.all(".chat-item").size() == 2 ? true : null);

        // every control can be reached and has a name; Ctrl+K jumps to the filter
        Object unnamed = browser.js("return [...document.querySelectorAll('button, input, textarea, a[href]')]"
                + ".filter(e => e.offsetParent !== null || e.type === 'file')"
                + ".filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || (e.id && document.querySelector(`label[for='${e.id}']`))))"
                + ".map(e => e.outerHTML.slice(0, 80))");
        assertThat((List<?>) unnamed).as("controls without an accessible name").isEmpty();
        browser.find("#composer-input").sendKeys(Keys.chord(Keys.CONTROL, "k"));
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("chat-filter");
        browser.keys(Keys.TAB);
        assertThat(browser.js("return document.activeElement.classList.contains('chat-item')")).isEqualTo(true);
        browser.keys(Keys.TAB, Keys.ENTER);
        browser.waitText("#conv-title", "Zed");
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("composer-input");

        browser.resize(420, 820);
        browser.until("narrow: conversation only", d -> !browser.find(".conversation").isDisplayed() ? null
                : browser.all(".sidebar").get(0).isDisplayed() ? null : true);
        browser.screenshot("32-narrow-conversation");
        browser.click(".conv-head .back");
        browser.until("narrow: list only", d -> browser.find(".sidebar").isDisplayed()
                && !browser.all(".conversation").get(0).isDisplayed() ? true : null);
        browser.screenshot("33-narrow-list");
        browser.openChat("Yan");
        assertThat(browser.all(".sidebar").get(0).isDisplayed()).isFalse();
        browser.resize(1200, 800);
        browser.until("wide: both", d -> browser.find(".sidebar").isDisplayed() && browser.find(".conversation").isDisplayed()
                ? true : null);

        String light = (String) browser.js("return getComputedStyle(document.querySelector('.sidebar')).backgroundColor");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        String dark = (String) browser.js("return getComputedStyle(document.querySelector('.sidebar')).backgroundColor");
        assertThat(light).isEqualTo("rgb(255, 255, 255)");
        assertThat(dark).isEqualTo("rgb(17, 27, 33)");
        browser.screenshot("34-dark-mode");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.assertNoConsoleErrors();
    }
}

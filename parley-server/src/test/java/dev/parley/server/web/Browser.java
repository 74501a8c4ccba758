package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: a headless Chromium with its own profile, driven through ChromeDriver (the Debian
 * packages {@code chromium} and {@code chromium-driver}; never Selenium Manager, which would download). Every
 * wait is explicit ({@link WebDriverWait}); screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final java.util.Set<Browser> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final String name;
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final ChromeDriverService service;
    private final URI base;

    Browser(String name, URI base, int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        this.name = name;
        this.base = base;
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--disable-sync", "--disable-features=BackForwardCache", "--no-first-run", "--disable-background-networking",
                "--window-size=" + width + "," + height, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        OPEN.add(this);
    }

    void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).withMessage(name + ": " + what).until(condition);
    }

    /** The element, visible or not (for asserting that something is hidden). */
    WebElement element(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void waitGone(String css) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    void waitText(String css, String text) {
        until("text '" + text + "' in " + css, d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.getText().contains(text)) {
                    return true;
                }
            }
            return null;
        });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code body} as an async function (it may await); the driver waits for its result. */
    Object jsAsync(String body, Object... args) {
        return js("return (async () => {\n" + body + "\n})()", args);
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Clicks the element, finding it again if a re-render replaced it meanwhile. */
    void click(String css) {
        until("click " + css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled()) {
                return null;
            }
            found.get(0).click();
            return true;
        });
    }

    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Cuts (true) or restores (false) the browser's network, WebSockets included. */
    void offline(boolean offline) {
        if (offline) {
            ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            conditions.setLatency(Duration.ZERO);
            driver.setNetworkConditions(conditions);
        } else {
            driver.deleteNetworkConditions();
        }
    }

    void acceptAlert() {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    void screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    // ---- the app ----

    /** Registers through the "Create account" form; ends on the chat list. */
    void register(String username, String displayName, String password) {
        signedOut();
        click("#tab-register");
        type("#f-username", username);
        type("#f-displayName", displayName);
        type("#f-password", password);
        click("#login-submit");
        waitText("#me-name", displayName);
    }

    void login(String login, String password) {
        signedOut();
        type("#f-login", login);
        type("#f-password", password);
        find("#f-password").sendKeys(Keys.ENTER);
        find("#chat-list");
    }

    /** The login screen, whoever was signed in before (their session is forgotten, not revoked). */
    void signedOut() {
        open("/");
        js("localStorage.clear()");
        open("/");
        find("#login-submit");
        driver.manage().logs().get(LogType.BROWSER); // what earlier tests logged is theirs
    }

    /** Starts (or opens) the direct chat with a username through the "New chat" dialog. */
    void startChat(String username) {
        click("#new-chat");
        type("#new-chat-user", username);
        click("#new-chat-start");
        waitGone("#new-chat-dialog");
        find("#composer-input");
    }

    void openChat(String title) {
        until("chat '" + title + "' in the list", d -> {
            for (WebElement e : d.findElements(By.cssSelector(".chat-item"))) {
                if (e.findElement(By.cssSelector(".ci-name")).getText().equals(title)) {
                    e.click();
                    return true;
                }
            }
            return null;
        });
        waitText("#conv-title", title);
    }

    /** Types a message and sends it with Enter. */
    void send(String text) {
        WebElement input = find("#composer-input");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** The bubble of the (last) message with this text. */
    WebElement message(String text) {
        String normalized = text.replaceAll("\\s+", " ").trim();
        return until("message '" + text + "'", d -> {
            List<WebElement> found = d.findElements(By.xpath(
                    "//div[contains(@class,'msg')][.//div[@class='text'][normalize-space(.)='" + normalized + "']]"));
            return found.isEmpty() ? null : found.get(found.size() - 1);
        });
    }

    /** The tick state of my message with this text: pending, sent, delivered or read. */
    String tick(String text) {
        List<WebElement> ticks = message(text).findElements(By.cssSelector(".tick"));
        return ticks.isEmpty() ? null : ticks.get(0).getAttribute("data-state");
    }

    void waitTick(String text, String state) {
        until("tick '" + state + "' on '" + text + "'", d -> state.equals(tick(text)) ? true : null);
    }

    /** The texts of the conversation's messages, in order. */
    List<String> texts() {
        return all("#messages .msg .text").stream().map(WebElement::getText).toList();
    }

    String status() {
        return find("#conv-status").getText();
    }

    void assertNoConsoleErrors() {
        var logs = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(logs).as("%s: browser console errors", name)
                .noneMatch(l -> l.getLevel().intValue() >= Level.SEVERE.intValue());
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}

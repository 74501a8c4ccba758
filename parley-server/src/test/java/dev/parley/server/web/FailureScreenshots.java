package dev.parley.server.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** On a failed test, a screenshot of every open browser: {@code target/screenshots/FAILED-<test>-<browser>.png}. */
final class FailureScreenshots implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Browser b : Browser.OPEN) {
            try {
                b.screenshot("FAILED-" + context.getRequiredTestMethod().getName() + "-" + b.name);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}

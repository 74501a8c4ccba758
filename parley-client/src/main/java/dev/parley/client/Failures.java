package dev.parley.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into a one-line reason for connection states and logs. */
final class Failures {
    private Failures() {
    }

    /** The root cause's class and message, unwrapping CompletionException and ExecutionException. */
    static String describe(Throwable error) {
        Throwable root = error;
        while ((root instanceof CompletionException || root instanceof ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package dev.parley.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Runs one HTTP exchange of a transfer without an overall deadline (a big file may take long) but with a stall
 * watch: when {@code activity} (bytes sent or received) has not moved for the stall timeout, the exchange is
 * cancelled and fails with an {@link HttpTimeoutException}.
 */
final class Exchanges {
    private Exchanges() {
    }

    /**
     * Sends {@code request} and waits for its response (headers and body as {@code handler} reads it).
     *
     * @throws IOException the network failed, or the exchange stalled
     */
    static <T> HttpResponse<T> exchange(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                        LongSupplier activity, Duration stall) throws IOException {
        CompletableFuture<HttpResponse<T>> response = http.sendAsync(request, handler);
        long poll = Math.max(1, Math.min(250, stall.toMillis() / 4));
        long seen = activity.getAsLong();
        long quietSince = System.nanoTime();
        while (true) {
            try {
                return response.get(poll, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = activity.getAsLong();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= stall.toNanos()) {
                    response.cancel(true);
                    throw new HttpTimeoutException(request.method() + " " + request.uri() + " stalled: nothing moved for "
                            + stall.toMillis() + " ms");
                }
            } catch (ExecutionException e) {
                throw unwrap(e.getCause(), request);
            } catch (CancellationException e) {
                throw new IOException(request.method() + " " + request.uri() + " was cancelled", e);
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during " + request.method() + " " + request.uri());
            }
        }
    }

    /** The IOException to retry on; anything else (a disk error from a body subscriber, say) is thrown as is. */
    private static IOException unwrap(Throwable cause, HttpRequest request) {
        Throwable root = cause;
        while (root instanceof java.util.concurrent.CompletionException && root.getCause() != null) {
            root = root.getCause();
        }
        return switch (root) {
            case IOException io -> io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> new IOException(request.method() + " " + request.uri() + " failed: " + root, root);
        };
    }
}

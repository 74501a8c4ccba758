package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyHttp;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shared plumbing of the subcommands: environment, profile, timeout, HTTP and WebSocket clients. Works at any
 * depth ({@code parley chats}, {@code parley group add}): the environment comes from the root command.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profileOptions = new ProfileOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    /** The {@code parley} command this one runs under. */
    ParleyCli root() {
        return (ParleyCli) spec.root().userObject();
    }

    CliEnvironment env() {
        return root().env();
    }

    PrintWriter out() {
        return env().out();
    }

    Duration timeout() {
        if (timeoutSeconds < 1) {
            throw new CliException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    ProfileStore profiles() {
        return profileOptions.store(env(), root().profileDir);
    }

    ParleyHttp http(java.net.URI server) {
        return new ParleyHttp(server, HttpClient.newBuilder().connectTimeout(timeout()).build(), timeout());
    }

    /** Builds a client for the saved login (cursor in the profile) and waits until it is authenticated. */
    ParleyClient connect(Profile profile, ProfileStore store, Listener listener) {
        ParleyClient client = ParleyClient.builder(profile.server(), profile.token())
                .listener(listener)
                .cursorStore(store.cursorStore())
                .requestTimeout(timeout())
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .name("parley-cli")
                .build();
        try {
            await(client.connect(), "connecting to " + profile.server());
            return client;
        } catch (RuntimeException e) {
            String state = client.state().reason();
            client.close();
            if (e instanceof CliException && !state.isEmpty()) {
                throw new CliException(e.getMessage() + " (last error: " + state + ")");
            }
            throw e;
        }
    }

    /** Waits for {@code future} up to the timeout; rethrows the failure's cause as is. */
    <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof TimeoutException) {
                throw new CliException("no answer from the server within " + timeout().toSeconds() + " s while " + what);
            }
            throw new CliException(what + " failed: " + cause);
        } catch (TimeoutException e) {
            throw new CliException("no answer from the server within " + timeout().toSeconds() + " s while " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while " + what);
        }
    }

    /** The chat id of {@code target}, opening the direct chat when it names a user. */
    long chatId(ChatTarget target, Profile profile, ParleyClient client) {
        if (target.chatId() != null) {
            return target.chatId();
        }
        long userId = http(profile.server()).userByUsername(profile.token(), target.username()).id();
        return await(client.openDirect(userId), "opening the chat with @" + target.username()).id();
    }
}

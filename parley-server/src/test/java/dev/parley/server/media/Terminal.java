package dev.parley.server.media;

import dev.parley.client.cli.CliEnvironment;
import dev.parley.client.cli.ParleyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/** One in-process terminal for the CLI: its own profile directory and captured stdout and stderr. */
final class Terminal {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final CliEnvironment env;

    Terminal(Path profile) {
        env = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(),
                ZoneOffset.UTC, profile, task -> { });
    }

    int run(String... args) {
        return ParleyCli.commandLine(env).execute(args);
    }

    String output() {
        return out.toString();
    }

    String errors() {
        return err.toString();
    }
}

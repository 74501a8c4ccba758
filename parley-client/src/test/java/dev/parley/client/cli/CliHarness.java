package dev.parley.client.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output, a fixed clock (2025-03-01 12:00 UTC) and a temp profile. */
final class CliHarness {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CliEnvironment env;

    CliHarness(Path profileDir) {
        env = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC, profileDir, task -> { });
    }

    int run(String... args) {
        return ParleyCli.commandLine(env).execute(args);
    }

    CommandLine.ParseResult parse(String... args) {
        return ParleyCli.commandLine(env).parseArgs(args);
    }

    /** The command object picocli filled for the innermost subcommand in {@code args} ({@code group add} → add). */
    @SuppressWarnings("unchecked")
    <T> T command(String... args) {
        CommandLine.ParseResult result = parse(args).subcommand();
        while (result.subcommand() != null) {
            result = result.subcommand();
        }
        return (T) result.commandSpec().userObject();
    }
}

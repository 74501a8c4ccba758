package dev.parley.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * What the CLI needs from the outside world, injected so that tests can run commands in-process.
 *
 * @param out               standard output
 * @param err               standard error
 * @param clock             the current time (to print "today" times short)
 * @param zone              the zone times are printed in
 * @param defaultProfileDir the profile directory when {@code --profile} is not given
 * @param onExit            registers a task to run when the process is interrupted (Ctrl-C)
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Clock clock, ZoneId zone, Path defaultProfileDir,
                             Consumer<Runnable> onExit) {

    /** The real process: System.out/err, the system clock and zone, {@code ~/.parley}, JVM shutdown hooks. */
    public static CliEnvironment system() {
        return new CliEnvironment(
                new PrintWriter(System.out, true, System.out.charset()),
                new PrintWriter(System.err, true, System.err.charset()),
                Clock.systemDefaultZone(), ZoneId.systemDefault(),
                Path.of(System.getProperty("user.home"), ".parley"),
                task -> Runtime.getRuntime().addShutdownHook(new Thread(task, "parley-cli-exit")));
    }
}

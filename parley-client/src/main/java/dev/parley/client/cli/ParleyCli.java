package dev.parley.client.cli;

import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyClosedException;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code parley} command-line client. Each subcommand logs in, talks to the server and exits; the login
 * (server URL, device token, cursor) lives in a profile directory ({@code ~/.parley} unless {@code --profile}).
 * Exit codes: 0 success, 1 failure (one line on stderr), 2 bad usage.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        description = "Command-line client of a Parley messaging server.",
        subcommands = {RegisterCommand.class, LoginCommand.class, LogoutCommand.class, ChatsCommand.class,
                OpenCommand.class, SendCommand.class, SendFileCommand.class, TimerCommand.class, DownloadCommand.class, HistoryCommand.class,
                FollowCommand.class, InfoCommand.class,
                GroupCommand.class, JoinCommand.class, ContactCommands.Contacts.class, ContactCommands.Contact.class,
                ContactCommands.Block.class, ContactCommands.Unblock.class, ContactCommands.Blocked.class,
                ContactCommands.Lookup.class, PresenceCommands.Presence.class, PresenceCommands.Privacy.class,
                DevicesCommand.class, RevokeCommand.class})
public final class ParleyCli implements java.util.concurrent.Callable<Integer> {
    private final CliEnvironment env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--profile", paramLabel = "DIR",
            description = "Profile directory holding the login and the cursor (default: ~/.parley); "
                    + "may also be given after the command.")
    java.nio.file.Path profileDir;

    /** @param env the streams, clock, default profile directory and exit hooks the commands use */
    public ParleyCli(CliEnvironment env) {
        this.env = env;
    }

    /** Runs the CLI in this process and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /** A configured picocli command line over {@code env}; call {@code execute(args)} to run a command. */
    public static CommandLine commandLine(CliEnvironment env) {
        return new CommandLine(new ParleyCli(env))
                .setOut(env.out())
                .setErr(env.err())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + describe(e));
                    cmd.getErr().flush();
                    return 1;
                });
    }

    CliEnvironment env() {
        return env;
    }

    /** Without a subcommand: prints the usage to stderr; exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(env.err());
        env.err().flush();
        return 2;
    }

    static String describe(Exception e) {
        return switch (e) {
            case ParleyApiException api when api.code() == ErrorCode.UNAUTHENTICATED ->
                    api.getMessage() + " (log in again: parley login)";
            case ParleyApiException api -> api.getMessage();
            case ParleyClosedException closed when closed.closeCode() == CloseCodes.UNAUTHENTICATED
                    || closed.closeCode() == CloseCodes.DEVICE_REVOKED ->
                    "the server ended this device's session (" + closed.closeCode() + ": " + closed.reason()
                            + "); log in again: parley login";
            case ParleyClosedException closed -> "connection closed (" + closed.closeCode() + ": " + closed.reason() + ")";
            case UncheckedIOException io -> io.getMessage();
            case CliException cli -> cli.getMessage();
            case dev.parley.client.MediaChecksumException corrupt -> corrupt.getMessage();
            case IllegalArgumentException bad -> bad.getMessage();
            case IllegalStateException bad -> bad.getMessage();
            default -> e.toString();
        };
    }
}

package dev.parley.client.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --profile DIR} option shared by the commands. */
final class ProfileOptions {
    @Option(names = "--profile", paramLabel = "DIR",
            description = "Profile directory holding the login and the cursor (default: ~/.parley).")
    Path dir;

    /** This command's {@code --profile}, else the one given before the command, else the environment's default. */
    ProfileStore store(CliEnvironment env, Path beforeCommand) {
        if (dir != null) {
            return new ProfileStore(dir);
        }
        return new ProfileStore(beforeCommand != null ? beforeCommand : env.defaultProfileDir());
    }
}

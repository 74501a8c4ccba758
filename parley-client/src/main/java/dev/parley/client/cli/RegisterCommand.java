package dev.parley.client.cli;

import dev.parley.client.NewAccount;
import dev.parley.protocol.Views;
import java.net.URI;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "register", description = "Create an account (by username or by phone).")
final class RegisterCommand extends CliCommand {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "Server URL, e.g. http://127.0.0.1:8080.")
    URI server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Identity identity;

    @Option(names = "--display-name", required = true, paramLabel = "NAME", description = "Name shown to others.")
    String displayName;

    @Option(names = "--password", required = true, interactive = true, arity = "0..1",
            description = "Password (prompted when given without a value).")
    String password;

    static final class Identity {
        @Option(names = "--username", required = true, description = "Username.")
        String username;

        @Option(names = "--phone", required = true, description = "Phone number in E.164 form, e.g. +14155550100.")
        String phone;
    }

    @Override
    public Integer call() {
        NewAccount account = identity.username != null
                ? NewAccount.withUsername(identity.username, password, displayName)
                : NewAccount.withPhone(identity.phone, password, displayName);
        Views.User user = http(server).register(account);
        String login = user.username() != null ? user.username() : user.phone();
        out().println("registered user " + user.id() + ": " + UserNames.label(user));
        out().println("log in with: parley login --server " + server + " --login " + login + " --password");
        return 0;
    }
}

package dev.parley.client.cli;

import dev.parley.client.Session;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Log in as a new device and save the login in the profile.")
final class LoginCommand extends CliCommand {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "Server URL, e.g. http://127.0.0.1:8080.")
    URI server;

    @Option(names = "--login", required = true, paramLabel = "NAME", description = "Username or phone number.")
    String login;

    @Option(names = "--password", required = true, interactive = true, arity = "0..1",
            description = "Password (prompted when given without a value).")
    String password;

    @Option(names = "--device-name", defaultValue = "parley-cli", paramLabel = "NAME",
            description = "Name of this device in 'parley devices' (default: ${DEFAULT-VALUE}).")
    String deviceName;

    @Override
    public Integer call() {
        Session session = http(server).login(login, password, deviceName);
        ProfileStore store = profiles();
        store.save(new Profile(server, session.token(), session.userId(), session.deviceId(), login));
        out().println("logged in as " + login + " (user " + session.userId() + ", device " + session.deviceId()
                + "); profile saved in " + store.dir());
        return 0;
    }
}

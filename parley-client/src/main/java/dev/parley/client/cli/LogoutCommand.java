package dev.parley.client.cli;

import dev.parley.client.ParleyApiException;
import dev.parley.protocol.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Log this device out and forget the saved login.")
final class LogoutCommand extends CliCommand {
    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        try {
            http(profile.server()).logout(profile.token());
        } catch (ParleyApiException e) {
            if (e.code() != ErrorCode.UNAUTHENTICATED) {
                throw e;
            }
            out().println("the session had already ended on the server");
        }
        store.clear();
        out().println("logged out " + profile.login() + " (device " + profile.deviceId() + ")");
        return 0;
    }
}

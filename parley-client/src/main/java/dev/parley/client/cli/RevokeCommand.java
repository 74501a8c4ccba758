package dev.parley.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Log out one of this account's devices (see 'parley devices').")
final class RevokeCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "DEVICE_ID", description = "The device to revoke.")
    long deviceId;

    @Override
    public Integer call() {
        ProfileStore store = profiles();
        Profile profile = store.require();
        http(profile.server()).revokeDevice(profile.token(), deviceId);
        if (deviceId == profile.deviceId()) {
            store.clear();
            out().println("revoked device " + deviceId + " (this device): logged out");
        } else {
            out().println("revoked device " + deviceId);
        }
        return 0;
    }
}

package dev.parley.client.cli;

import dev.parley.client.Device;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;

@Command(name = "devices", description = "List the devices logged in to this account.")
final class DevicesCommand extends CliCommand {
    @Override
    public Integer call() {
        Profile profile = profiles().require();
        Table table = new Table("ID", "NAME", "LOGGED IN", "CURRENT");
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(env().zone());
        for (Device d : http(profile.server()).devices(profile.token())) {
            table.row(d.id(), d.name(), format.format(Instant.ofEpochMilli(d.createdAt())), d.current() ? "*" : "");
        }
        table.print(out());
        return 0;
    }
}

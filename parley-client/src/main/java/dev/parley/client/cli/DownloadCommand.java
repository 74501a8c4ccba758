package dev.parley.client.cli;

import dev.parley.client.DownloadResult;
import dev.parley.client.ParleyMedia;
import dev.parley.protocol.Views;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", description = {"Download a message's media (history and follow show its id) with a "
        + "progress bar on stderr; the file's SHA-256 is verified.",
        "An interrupted download leaves PATH.part behind; running the command again continues it."})
final class DownloadCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "MEDIA", description = "The media id.")
    String mediaId;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Where to save it: a file, or a directory to save it in under its own name "
                    + "(default: its own name in the current directory).")
    Path output;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        Profile profile = profiles().require();
        ParleyMedia media = http(profile.server()).media();
        Path target = target(media, profile);
        if (Files.exists(target) && !force) {
            throw new CliException(target + " exists; choose another path with -o, or --force to replace it");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        if (Files.exists(part)) {
            env().err().println("continuing the download in " + part);
        }
        ProgressBar bar = new ProgressBar(env().err(), System::nanoTime);
        DownloadResult result;
        try {
            result = media.download(profile.token(), mediaId, target, bar);
        } finally {
            bar.done();
        }
        out().println("saved " + result.file() + " (" + ByteSizes.human(result.size()) + ", SHA-256 verified"
                + (result.resumedFrom() > 0 ? ", resumed at " + ByteSizes.human(result.resumedFrom()) : "") + ")");
        out().flush();
        return 0;
    }

    /** {@code -o} as given, or the media's own (sanitized) file name in {@code -o}'s directory or the current one. */
    private Path target(ParleyMedia media, Profile profile) {
        if (output != null && !Files.isDirectory(output)) {
            return output;
        }
        Views.Media info = media.mediaInfo(profile.token(), mediaId);
        String name = MediaLines.safeFileName(info.fileName(), "media-" + mediaId);
        return (output != null ? output : Path.of("")).resolve(name);
    }
}

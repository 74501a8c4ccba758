package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.MediaTypes;
import dev.parley.client.ParleyClient;
import dev.parley.client.UploadRequest;
import dev.parley.client.UploadResult;
import dev.parley.protocol.ServerFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send-file", description = {"Upload a file and send it as an image, video or file message, with a "
        + "progress bar on stderr; waits until the server stored the message (✓).",
        "Bytes the server already has are not uploaded again."})
final class SendFileCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.Converter.class,
            description = "Chat id, or @username for the direct chat with that user.")
    ChatTarget target;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file to send.")
    Path file;

    @Option(names = "--caption", paramLabel = "TEXT", description = "Text shown with the file.")
    String caption;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "image, video or file (default: from the type: image/* → image, video/* → video, else file).")
    String kind;

    @Option(names = "--mime", paramLabel = "TYPE",
            description = "The file's media type (default: guessed from its name; the server checks it against the bytes).")
    String mime;

    @Override
    public Integer call() {
        validate();
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            long chatId = chatId(target, profile, client);
            ProgressBar bar = new ProgressBar(env().err(), System::nanoTime);
            UploadResult upload;
            try {
                upload = http(profile.server()).media().upload(profile.token(), file, UploadRequest.ofMime(mime), bar);
            } finally {
                bar.done();
            }
            if (upload.deduplicated()) {
                env().err().println("already on the server: nothing uploaded");
                env().err().flush();
            }
            String sendAs = kind != null ? kind : MediaTypes.kindOf(upload.media().mime());
            ServerFrame.Accepted accepted = await(client.sendMedia(chatId, sendAs, upload.media().id(), caption, null),
                    "sending to chat " + chatId);
            out().println("✓ chat " + accepted.chatId() + " #" + accepted.seq() + " "
                    + MediaLines.describe(sendAs, upload.media()));
            out().flush();
        }
        return 0;
    }

    void validate() {
        if (kind != null && !MediaTypes.KINDS.contains(kind)) {
            throw new CliException("--kind must be one of " + String.join(", ", MediaTypes.KINDS) + ", got '" + kind + "'");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException("cannot read " + file + ": not a readable file");
        }
    }
}

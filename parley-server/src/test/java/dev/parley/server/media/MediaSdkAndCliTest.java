package dev.parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.DownloadResult;
import dev.parley.client.Listener;
import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyHttp;
import dev.parley.client.ParleyMedia;
import dev.parley.client.ProgressListener;
import dev.parley.client.UploadRequest;
import dev.parley.client.UploadResult;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Views;
import dev.parley.server.TestApi;
import dev.parley.server.TcpProxy;
import dev.parley.server.TestServer;
import dev.parley.testkit.media.MediaSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Media through the Java SDK and the command-line client against a real server: upload, send, download, resume. */
class MediaSdkAndCliTest {
    private static final int SIZE = 3 * 1024 * 1024 + 12_345;

    @RegisterExtension
    static final TestServer server = new TestServer();

    @TempDir
    Path dir;

    private final TestApi api = new TestApi(server.http());
    private final List<ParleyClient> clients = new CopyOnWriteArrayList<>();
    private TestApi.Account ann;
    private TestApi.Account ben;

    /** Every progress call and the upload id. */
    static final class Recorder implements ProgressListener {
        final List<long[]> calls = new CopyOnWriteArrayList<>();
        volatile String uploadId;

        @Override
        public void progress(long done, long total) {
            calls.add(new long[] {done, total});
        }

        @Override
        public void uploadCreated(String id) {
            uploadId = id;
        }

        void assertCompleteAndMonotonic(long total) {
            assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c[1]).isEqualTo(total));
            assertThat(calls).extracting(c -> c[0]).isSorted().doesNotHaveDuplicates();
            assertThat(calls.getLast()).containsExactly(total, total);
        }
    }

    /** The messages a client's listener received. */
    static final class Inbox implements Listener {
        final List<Views.Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(Views.Message message, long cursor) {
            messages.add(message);
        }
    }

    @BeforeEach
    void users() {
        ann = api.newUser("ann");
        ben = api.newUser("ben");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ParleyClient::close);
    }

    private ParleyClient connect(TestApi.Account account, Inbox inbox) {
        ParleyClient client = ParleyClient.builder(server.http(), account.token()).listener(inbox).build();
        clients.add(client);
        client.connect().join();
        return client;
    }

    private static ParleyMedia media(java.net.URI base) {
        return new ParleyHttp(base).media();
    }

    private Path randomFile(String name, long seed) throws IOException {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aFileGoesFromAnnToBenAndTheSameBytesAreNotUploadedTwice() throws Exception {
        Inbox benInbox = new Inbox();
        ParleyClient a = connect(ann, new Inbox());
        connect(ben, benInbox);
        long chat = a.openDirect(ben.userId()).get(10, TimeUnit.SECONDS).id();
        Path file = randomFile("data.bin", 1);

        Recorder progress = new Recorder();
        UploadResult upload = media(server.http()).upload(ann.token(), file, UploadRequest.DEFAULTS, progress);
        assertThat(upload.deduplicated()).isFalse();
        assertThat(upload.media().size()).isEqualTo(SIZE);
        assertThat(upload.media().sha256()).isEqualTo(sha256(file));
        assertThat(progress.uploadId).isNotNull();
        progress.assertCompleteAndMonotonic(SIZE);

        long seq = a.sendMedia(chat, "file", upload.media().id(), "the data", null).get(10, TimeUnit.SECONDS).seq();
        await().atMost(Duration.ofSeconds(10)).until(() -> benInbox.messages.stream().anyMatch(m -> m.seq() == seq));
        Views.Message received = benInbox.messages.stream().filter(m -> m.seq() == seq).findFirst().orElseThrow();
        assertThat(received.kind()).isEqualTo("file");
        assertThat(received.text()).isEqualTo("the data");
        assertThat(received.media()).satisfies(m -> {
            assertThat(m.id()).isEqualTo(upload.media().id());
            assertThat(m.fileName()).isEqualTo("data.bin");
            assertThat(m.size()).isEqualTo(SIZE);
            assertThat(m.sha256()).isEqualTo(upload.media().sha256());
        });

        Recorder downloading = new Recorder();
        Path saved = dir.resolve("from-ann.bin");
        DownloadResult download = media(server.http()).download(ben.token(), received.media().id(), saved, downloading);
        assertThat(saved).hasSameBinaryContentAs(file);
        assertThat(download.resumedFrom()).isZero();
        downloading.assertCompleteAndMonotonic(SIZE);

        Recorder again = new Recorder();
        Path copy = Files.copy(file, dir.resolve("copy.bin"));
        UploadResult dedup = media(server.http()).upload(ben.token(), copy, UploadRequest.DEFAULTS, again);
        assertThat(dedup.deduplicated()).isTrue();
        assertThat(dedup.media().id()).isNotEqualTo(upload.media().id());
        assertThat(dedup.media().sha256()).isEqualTo(upload.media().sha256());
        assertThat(again.calls).singleElement().satisfies(c -> assertThat(c).containsExactly(SIZE, SIZE));
        assertThat(again.uploadId).as("no upload was created, so nothing was PATCHed").isNull();
    }

    @Test
    void anUploadCutOffPartWayResumesFromTheServersOffset() throws Exception {
        Path file = randomFile("cut.bin", 2);
        Recorder progress = new Recorder();
        UploadResult upload;
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            proxy.cutUpstreamAfter(1_000_000);
            upload = media(proxy.uri()).upload(ann.token(), file, UploadRequest.DEFAULTS, progress);

            assertThat(proxy.uploadOffsets()).as("a PATCH from 0, cut, then one from where the server was")
                    .hasSizeGreaterThanOrEqualTo(2).startsWith(0L);
            assertThat(proxy.uploadOffsets().getLast()).isPositive().isLessThan(SIZE);
        }
        assertThat(upload.media().sha256()).isEqualTo(sha256(file));
        assertThat(upload.media().id()).isEqualTo(progress.uploadId);
        progress.assertCompleteAndMonotonic(SIZE);
        Path back = dir.resolve("back.bin");
        media(server.http()).download(ann.token(), upload.media().id(), back, null);
        assertThat(back).hasSameBinaryContentAs(file);
        assertThat(media(server.http()).resumeUpload(ann.token(), progress.uploadId, file, null).media())
                .as("a client that lost the final answer and resumes gets the finished media").isEqualTo(upload.media());
    }

    @Test
    void aDownloadCutOffLeavesAPartThatTheNextDownloadResumesWithARange() throws Exception {
        Path file = randomFile("big.bin", 3);
        String id = media(server.http()).upload(ann.token(), file, null, null).media().id();
        Path target = dir.resolve("big-copy.bin");
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            proxy.cutDownstreamAfter(1_500_000, true);
            assertThatThrownBy(() -> media(proxy.uri()).download(ann.token(), id, target, null))
                    .isInstanceOf(UncheckedIOException.class);
            Path part = dir.resolve("big-copy.bin.part");
            assertThat(part).exists();
            long kept = Files.size(part);
            assertThat(kept).isPositive().isLessThan(SIZE);

            proxy.restore();
            Recorder progress = new Recorder();
            DownloadResult resumed = media(proxy.uri()).download(ann.token(), id, target, progress);
            assertThat(resumed.resumedFrom()).isEqualTo(kept);
            assertThat(progress.calls.getFirst()[0]).isEqualTo(kept);
            progress.assertCompleteAndMonotonic(SIZE);
        }
        assertThat(target).hasSameBinaryContentAs(file);
        assertThat(dir.resolve("big-copy.bin.part")).doesNotExist();
    }

    @Test
    void refusalsCarryTheMediaCodes() throws Exception {
        Path notAnImage = randomFile("fake.png", 4);
        assertThatThrownBy(() -> media(server.http()).upload(ann.token(), notAnImage, UploadRequest.DEFAULTS, null))
                .isInstanceOfSatisfying(ParleyApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_TYPE_MISMATCH));
        assertThatThrownBy(() -> media(server.http()).mediaInfo(ben.token(), "nosuchmedia"))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        Path data = randomFile("data.bin", 5);
        String id = media(server.http()).upload(ann.token(), data, null, null).media().id();
        assertThatThrownBy(() -> media(server.http()).download(ben.token(), id, dir.resolve("x"), null))
                .as("ben is in no chat where it was sent").isInstanceOfSatisfying(ParleyApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        ParleyClient a = connect(ann, new Inbox());
        long chat = a.openDirect(ben.userId()).get(10, TimeUnit.SECONDS).id();
        assertThat(a.sendMedia(chat, "image", id, null, null)).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().isInstanceOfSatisfying(ParleyApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRAME));
    }

    @Test
    void thumbnailAndLinkOfAnImage() throws Exception {
        Path photo = Files.write(dir.resolve("photo.jpg"), MediaSamples.jpeg(640, 480));
        ParleyMedia media = media(server.http());
        Views.Media image = media.upload(ann.token(), photo, null, null).media();
        assertThat(image.mime()).isEqualTo("image/jpeg");
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(480);
        assertThat(image.thumbnail()).isNotNull();
        assertThat(media.thumbnail(ann.token(), image.id())).startsWith((byte) 0xFF, (byte) 0xD8);
        var link = media.mediaLink(ann.token(), image.id());
        assertThat(link.url().toString()).startsWith(server.http() + "/v1/media/" + image.id() + "?");
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(link.url())
                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(photo));
    }

    @Test
    void theCliSendsAPhotoWithAProgressBarAndTheOtherSideDownloadsIt() throws Exception {
        Terminal annTerm = new Terminal(Files.createTempDirectory(dir, "ann"));
        Terminal benTerm = new Terminal(Files.createTempDirectory(dir, "ben"));
        String url = server.http().toString();
        assertThat(annTerm.run("login", "--server", url, "--login", ann.username(), "--password", "correct horse battery"))
                .as(annTerm.errors()).isZero();
        assertThat(benTerm.run("login", "--server", url, "--login", ben.username(), "--password", "correct horse battery"))
                .as(benTerm.errors()).isZero();
        Path photo = Files.write(dir.resolve("beach.jpg"), MediaSamples.jpeg(1600, 1200));

        assertThat(annTerm.run("send-file", "@" + ben.username(), photo.toString(), "--caption", "the beach!"))
                .as(annTerm.errors()).isZero();
        assertThat(annTerm.errors()).contains("\r[####################] 100%");
        assertThat(annTerm.output()).containsPattern("✓ chat \\d+ #\\d+ \\[image beach.jpg .* 1600×1200, media ");
        assertThat(annTerm.run("send-file", "@" + ben.username(), photo.toString())).as(annTerm.errors()).isZero();
        assertThat(annTerm.errors()).contains("already on the server");

        assertThat(benTerm.run("history", "@" + ann.username())).as(benTerm.errors()).isZero();
        Matcher shown = Pattern.compile("\\[image beach\\.jpg [0-9.]+ [kM]B 1600×1200, media ([A-Za-z0-9_-]+)] the beach!")
                .matcher(benTerm.output());
        assertThat(shown.find()).as(benTerm.output()).isTrue();

        Path downloads = Files.createDirectory(dir.resolve("downloads"));
        assertThat(benTerm.run("download", shown.group(1), "-o", downloads.toString())).as(benTerm.errors()).isZero();
        assertThat(downloads.resolve("beach.jpg")).hasSameBinaryContentAs(photo);
        assertThat(benTerm.errors()).contains("\r[####################] 100%");
        assertThat(benTerm.output()).contains("saved " + downloads.resolve("beach.jpg")).contains("SHA-256 verified");
        assertThat(benTerm.run("download", shown.group(1), "-o", downloads.toString())).isEqualTo(1);
        assertThat(benTerm.errors()).contains("exists");
    }
}

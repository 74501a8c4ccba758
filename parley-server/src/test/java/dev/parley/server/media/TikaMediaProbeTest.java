package dev.parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.port.MediaProbe;
import dev.parley.core.port.MediaProbe.Probe;
import dev.parley.testkit.media.MediaSamples;
import dev.parley.testkit.media.PseudoRandomStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sniffing, type matching and thumbnails of {@link TikaMediaProbe}, on real bytes from {@link MediaSamples}. */
class TikaMediaProbeTest {
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final TikaMediaProbe probe = new TikaMediaProbe();

    @Test
    void sniffsEverySampleFromItsBytes() throws IOException {
        assertThat(mime(MediaSamples.jpeg(40, 30), "a.bin")).isEqualTo("image/jpeg");
        assertThat(mime(MediaSamples.png(40, 30), null)).isEqualTo("image/png");
        assertThat(mime(MediaSamples.gif(40, 30), null)).isEqualTo("image/gif");
        assertThat(mime(MediaSamples.webp(), null)).isEqualTo("image/webp");
        assertThat(mime(MediaSamples.mp4(), "clip.mov")).isEqualTo("video/mp4");
        assertThat(mime(MediaSamples.pdf(), null)).isEqualTo("application/pdf");
        assertThat(mime(MediaSamples.text("hello, world\n"), null)).isEqualTo("text/plain");
        assertThat(mime(MediaSamples.randomBytes(4096, 7), null)).isEqualTo("application/octet-stream");
    }

    @Test
    void aNameNeverOverridesTheMagic() throws IOException {
        assertThat(mime(MediaSamples.pdf(), "photo.jpg")).isEqualTo("application/pdf");
        assertThat(mime(MediaSamples.randomBytes(4096, 7), "photo.jpg")).isEqualTo("application/octet-stream");
        assertThat(mime(MediaSamples.text("<b>not an svg</b> just words"), "x.svg")).isEqualTo("text/plain");
        assertThat(mime(MediaSamples.jpeg(40, 30), "photo.png")).isEqualTo("image/jpeg");
    }

    @Test
    void aNameNarrowsAmbiguousMagicToASubType() throws IOException {
        byte[] zip = zip();
        assertThat(mime(zip, "archive.zip")).isEqualTo("application/zip");
        assertThat(mime(zip, "report.docx")).isEqualTo(DOCX);
        assertThat(mime(MediaSamples.text("a,b\n1,2\n"), "data.csv")).isEqualTo("text/csv");
    }

    @Test
    void isoMediaIsMp4UnlessItsBrandIsQuickTime() throws IOException {
        assertThat(mime(withMajorBrand("isom"), null)).isEqualTo("video/mp4");
        assertThat(mime(withMajorBrand("avc1"), null)).isEqualTo("video/mp4");
        assertThat(mime(withMajorBrand("qt  "), null)).isEqualTo("video/quicktime");
        assertThat(mime(withMajorBrand("M4A "), null)).isEqualTo("audio/mp4");
    }

    @Test
    void nonImagesHaveNoSizeNorThumbnail() throws IOException {
        assertThat(probe(MediaSamples.pdf(), "doc.pdf")).isEqualTo(new Probe("application/pdf", null, null, null));
        assertThat(probe(MediaSamples.mp4(), "v.mp4")).isEqualTo(new Probe("video/mp4", null, null, null));
    }

    @Test
    void sniffingReadsOnlyTheHead() throws IOException {
        PseudoRandomStream huge = new PseudoRandomStream(3, 1L << 40);
        assertThat(probe.probe(() -> huge, "huge.bin").mime()).isEqualTo("application/octet-stream");
        assertThat(huge.position()).isLessThanOrEqualTo(64 * 1024);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            image/jpeg                | image/jpeg                | true
            IMAGE/JPEG; charset=x     | image/jpeg                | true
            image/jpg                 | image/jpeg                | true
            image/pjpeg               | image/jpeg                | true
            image/x-png               | image/png                 | true
            application/x-zip-compressed | application/zip        | true
            application/octet-stream  | application/pdf           | true
            application/octet-stream  | application/octet-stream  | true
            %s                        | application/zip           | true
            application/zip           | %s                        | true
            application/zip           | application/x-tika-ooxml  | true
            text/plain                | text/html                 | true
            text/plain                | text/csv                  | true
            text/csv                  | text/plain                | true
            text/plain; charset=utf-8 | text/plain                | true
            video/mp4                 | video/quicktime           | true
            video/quicktime           | video/mp4                 | true
            application/mp4           | video/mp4                 | true
            video/mp4                 | application/mp4           | true
            audio/mp4                 | video/mp4                 | true
            video/mp4                 | audio/mp4                 | true
            application/x-custom      | application/octet-stream  | true
            image/png                 | image/jpeg                | false
            image/jpeg                | image/png                 | false
            video/mp4                 | application/pdf           | false
            application/pdf           | video/mp4                 | false
            image/jpeg                | application/octet-stream  | false
            image/png                 | application/octet-stream  | false
            text/plain                | image/png                 | false
            application/zip           | application/pdf           | false
            image/jpeg                | image/svg+xml             | false
            not a type                | image/jpeg                | false
            ''                        | image/jpeg                | false
            """)
    void matchesDeclaredAgainstSniffed(String declared, String sniffed, boolean expected) {
        assertThat(probe.matches(declared.formatted(DOCX), sniffed.formatted(DOCX))).isEqualTo(expected);
    }

    @Test
    void nullTypesNeverMatch() {
        assertThat(probe.matches(null, "image/jpeg")).isFalse();
        assertThat(probe.matches("image/jpeg", null)).isFalse();
    }

    @Test
    void aJpegGetsItsSizeAndASmallJpegThumbnail() throws IOException {
        Probe result = probe(MediaSamples.jpeg(800, 600), "beach.jpg");

        assertThat(result.mime()).isEqualTo("image/jpeg");
        assertThat(result.width()).isEqualTo(800);
        assertThat(result.height()).isEqualTo(600);
        assertThat(result.thumbnail()).doesNotContain("\n", "\r");
        byte[] jpeg = Base64.getDecoder().decode(result.thumbnail());
        assertThat(jpeg).startsWith(0xFF, 0xD8).hasSizeLessThan(16 * 1024);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(thumbnail.getWidth()).isEqualTo(192);
        assertThat(thumbnail.getHeight()).isEqualTo(144);
        assertThat(isRed(thumbnail.getRGB(5, 5))).isTrue();
    }

    @Test
    void aSmallImageIsNotEnlarged() throws IOException {
        BufferedImage thumbnail = thumbnail(probe(MediaSamples.jpeg(50, 30), null));
        assertThat(thumbnail.getWidth()).isEqualTo(50);
        assertThat(thumbnail.getHeight()).isEqualTo(30);
    }

    @ParameterizedTest(name = "orientation {0} ({1})")
    @CsvSource({"1, BIG_ENDIAN, 400, 200, top-left", "2, LITTLE_ENDIAN, 400, 200, top-right",
            "3, BIG_ENDIAN, 400, 200, bottom-right", "4, LITTLE_ENDIAN, 400, 200, bottom-left",
            "5, BIG_ENDIAN, 200, 400, top-left", "6, BIG_ENDIAN, 200, 400, top-right",
            "6, LITTLE_ENDIAN, 200, 400, top-right", "7, LITTLE_ENDIAN, 200, 400, bottom-right",
            "8, BIG_ENDIAN, 200, 400, bottom-left"})
    void exifOrientationIsAppliedToSizeAndThumbnail(int orientation, String order, int width, int height,
            String redCorner) throws IOException {
        ByteOrder byteOrder = "BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Probe result = probe(MediaSamples.jpegWithOrientation(400, 200, orientation, byteOrder), "turned.jpg");

        assertThat(result.width()).isEqualTo(width);
        assertThat(result.height()).isEqualTo(height);
        BufferedImage thumbnail = thumbnail(result);
        assertThat(thumbnail.getWidth()).isEqualTo(width > height ? 192 : 96);
        assertThat(thumbnail.getHeight()).isEqualTo(width > height ? 96 : 192);
        assertThat(redCorner(thumbnail)).isEqualTo(redCorner);
    }

    @Test
    void theOrientationSamplesAreReadByAnotherExifParser() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] jpeg = MediaSamples.jpegWithOrientation(40, 20, 7, order);
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
                reader.setInput(in);
                assertThat(ExifUtils.getExifOrientation(reader, 0)).as(order.toString())
                        .isEqualTo(Orientation.RIGHT_BOTTOM);
            } finally {
                reader.dispose();
            }
        }
    }

    @Test
    void transparencyIsFlattenedOnWhite() throws IOException {
        Probe result = probe(MediaSamples.png(300, 100), "sticker.png");

        assertThat(result.mime()).isEqualTo("image/png");
        assertThat(result.width()).isEqualTo(300);
        assertThat(result.height()).isEqualTo(100);
        BufferedImage thumbnail = thumbnail(result);
        assertThat(thumbnail.getWidth()).isEqualTo(192);
        assertThat(thumbnail.getHeight()).isEqualTo(64);
        int left = thumbnail.getRGB(10, 32);
        assertThat(Arrays.stream(channels(left)).min().orElseThrow()).isGreaterThan(235);
        int right = thumbnail.getRGB(180, 32);
        assertThat(channels(right)[2]).isGreaterThan(200);
        assertThat(channels(right)[0]).isLessThan(40);
    }

    @Test
    void aLargePhotoIsMeasuredAndThumbnailed() throws IOException {
        Probe result = probe(MediaSamples.jpeg(6000, 4000), "big.jpg");

        assertThat(result.width()).isEqualTo(6000);
        assertThat(result.height()).isEqualTo(4000);
        BufferedImage thumbnail = thumbnail(result);
        assertThat(thumbnail.getWidth()).isEqualTo(192);
        assertThat(thumbnail.getHeight()).isEqualTo(128);
        assertThat(isRed(thumbnail.getRGB(10, 10))).isTrue();
        assertThat(isRed(thumbnail.getRGB(180, 120))).isFalse();
    }

    @ParameterizedTest(name = "longest side {0}")
    @CsvSource({"384", "500", "767", "768", "1000", "4032", "6000", "30000", "65535"})
    void largeImagesAreDecodedSubsampledToTwoToFourTimesTheThumbnail(int longest) {
        int step = ImageThumbnails.subsamplingStep(longest, 192);
        int decoded = (longest + step - 1) / step;
        assertThat(decoded).isBetween(384, 4 * 192 - 1);
        assertThat(ImageThumbnails.subsamplingStep(383, 192)).isEqualTo(1);
    }

    @Test
    void anImageOverThePixelCapIsMeasuredButNotDecoded() throws IOException {
        TikaMediaProbe capped = new TikaMediaProbe(192, 79_999);
        byte[] jpeg = MediaSamples.jpegWithOrientation(400, 200, 6);

        Probe result = capped.probe(() -> new ByteArrayInputStream(jpeg), "x.jpg");

        assertThat(result).isEqualTo(new Probe("image/jpeg", 200, 400, null));
        assertThat(new TikaMediaProbe(192, 80_000).probe(() -> new ByteArrayInputStream(jpeg), "x.jpg").thumbnail())
                .isNotNull();
    }

    @Test
    void aWebpOverItsOwnTighterCapIsMeasuredButNotDecoded() throws IOException {
        byte[] webp = MediaSamples.webp();
        // VP8 frame header: 14-bit little-endian width and height right after the start code 9D 01 2A.
        assertThat(Arrays.copyOfRange(webp, 23, 26)).containsExactly(0x9D, 0x01, 0x2A);
        webp[26] = (byte) (4000 & 0xFF);
        webp[27] = (byte) (4000 >> 8);
        webp[28] = (byte) (3000 & 0xFF);
        webp[29] = (byte) (3000 >> 8);

        assertThat(probe(webp, "big.webp")).isEqualTo(new Probe("image/webp", 4000, 3000, null));
        assertThat(4000L * 3000).isGreaterThan(ImageThumbnails.WEBP_MAX_PIXELS)
                .isLessThan(TikaMediaProbe.DEFAULT_MAX_PIXELS);
    }

    @Test
    void aTruncatedOrCorruptImageHasNoSizeNorThumbnail() throws IOException {
        byte[] jpeg = MediaSamples.jpeg(400, 300);
        Probe none = new Probe("image/jpeg", null, null, null);
        assertThat(probe(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg")).isEqualTo(none);
        assertThat(probe(Arrays.copyOf(jpeg, 200), "cut.jpg")).isEqualTo(none);
        byte[] garbage = MediaSamples.randomBytes(5000, 11);
        System.arraycopy(jpeg, 0, garbage, 0, 4);
        assertThat(probe(garbage, "noise.jpg")).isEqualTo(none);
        byte[] png = MediaSamples.png(300, 100);
        assertThat(probe(Arrays.copyOf(png, 100), "cut.png")).isEqualTo(new Probe("image/png", null, null, null));
        byte[] webp = MediaSamples.webp();
        assertThat(probe(Arrays.copyOf(webp, 120), "cut.webp")).isEqualTo(new Probe("image/webp", null, null, null));
    }

    @Test
    void webpGifAndBmpAreDecoded() throws IOException {
        Probe webp = probe(MediaSamples.webp(), "sticker.webp");
        assertThat(webp.mime()).isEqualTo("image/webp");
        assertThat(webp.width()).isEqualTo(64);
        assertThat(webp.height()).isEqualTo(48);
        assertThat(thumbnail(webp).getWidth()).isEqualTo(64);

        Probe gif = probe(MediaSamples.gif(400, 100), "anim.gif");
        assertThat(gif.mime()).isEqualTo("image/gif");
        assertThat(thumbnail(gif).getHeight()).isEqualTo(48);
        assertThat(isRed(thumbnail(gif).getRGB(2, 2))).isTrue();

        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(MediaSamples.jpeg(300, 200)));
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture, "bmp", bmp)).isTrue();
        Probe bitmap = probe(bmp.toByteArray(), "old.bmp");
        assertThat(bitmap.mime()).isEqualTo("image/bmp");
        assertThat(thumbnail(bitmap).getWidth()).isEqualTo(192);
    }

    @Test
    void theSourcesOwnFailurePropagates() {
        byte[] jpeg = MediaSamples.jpeg(800, 600);
        AtomicInteger opens = new AtomicInteger();
        IOException broken = new IOException("connection reset");
        MediaProbe.Source source = () -> opens.getAndIncrement() == 0 ? new ByteArrayInputStream(jpeg)
                : new FailingAfter(new ByteArrayInputStream(jpeg), 1000, broken);

        assertThatThrownBy(() -> probe.probe(source, "x.jpg")).isSameAs(broken);
        assertThatThrownBy(() -> probe.probe(() -> {
            throw broken;
        }, "x.jpg")).isSameAs(broken);
    }

    @Test
    void exifParsingToleratesMalformedBlocks() {
        byte[] badOffset = {'M', 'M', 0, 42, 0x7F, 0, 0, 0};
        byte[] badOrder = {'X', 'X', 0, 42, 0, 0, 0, 8, 0, 0};
        byte[] truncatedIfd = {'I', 'I', 42, 0, 8, 0, 0, 0, 5, 0, 0x12, 0x01, 3, 0};
        for (byte[] tiff : new byte[][] {badOffset, badOrder, truncatedIfd, {}}) {
            assertThat(ExifOrientation.fromTiff(java.nio.ByteBuffer.wrap(tiff))).isEqualTo(1);
        }
    }

    private String mime(byte[] bytes, String name) throws IOException {
        return probe(bytes, name).mime();
    }

    private Probe probe(byte[] bytes, String name) throws IOException {
        return probe.probe(() -> new ByteArrayInputStream(bytes), name);
    }

    private static BufferedImage thumbnail(Probe probe) throws IOException {
        assertThat(probe.thumbnail()).isNotNull();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(probe.thumbnail())));
    }

    private static String redCorner(BufferedImage image) {
        int w = image.getWidth() - 4;
        int h = image.getHeight() - 4;
        String[] names = {"top-left", "top-right", "bottom-left", "bottom-right"};
        int[][] points = {{3, 3}, {w, 3}, {3, h}, {w, h}};
        String found = "none";
        for (int i = 0; i < names.length; i++) {
            if (isRed(image.getRGB(points[i][0], points[i][1]))) {
                assertThat(found).as("only one red corner").isEqualTo("none");
                found = names[i];
            }
        }
        return found;
    }

    private static boolean isRed(int rgb) {
        int[] c = channels(rgb);
        return c[0] > 200 && c[1] < 60 && c[2] < 60;
    }

    private static int[] channels(int rgb) {
        return new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    }

    private static byte[] withMajorBrand(String brand) {
        byte[] mp4 = MediaSamples.mp4();
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, mp4, 8, 4);
        return mp4;
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Serves {@code limit} bytes, then fails as a dropped connection would. */
    private static final class FailingAfter extends FilterInputStream {
        private final IOException failure;
        private int left;

        FailingAfter(InputStream in, int limit, IOException failure) {
            super(in);
            this.left = limit;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw failure;
            }
            int n = super.read(b, off, Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}

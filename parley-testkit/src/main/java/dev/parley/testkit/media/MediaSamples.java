package dev.parley.testkit.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Real media bytes for tests, made at run time (or, for WebP, embedded: the JDK cannot write it), so every module
 * tests uploads, type sniffing and thumbnails on genuine files without checking binaries in.
 *
 * <p>Raster samples share one picture so orientation can be checked: the top-left quarter (w/4 × h/4, at least one
 * pixel) is pure red, the rest a blue-to-green horizontal gradient. {@link #png} differs: its left half is fully
 * transparent and its right half opaque blue.
 */
public final class MediaSamples {
    /**
     * A 64 × 48 lossy WebP (VP8, 200 bytes) made once with libwebp's {@code cwebp -q 50} from a gradient; ImageIO
     * cannot write WebP, so the bytes are embedded.
     */
    private static final String WEBP_64X48 = "UklGRsAAAABXRUJQVlA4ILQAAACwBQCdASpAADAAPtFapUw/riOisBqoA/AaCWYzgX//"
            + "WDE8lcnu2MgaYG3MQgSYv//4y7//+YAA/u+EMt8f/83/9XYsYbeNTEgHYWii8Hhx430B2eH0uFvU/nHOW6OfTLyTXsS90niPnOhm"
            + "6x/i9g4aJC83v4t5NoQBp4Lw0xcp97NbZrQs6F3PgYSDoA1z5Q9DjenaB+TSC3OZitPvDD17t9gUpo7mb3bJhurRagGfxRCmAAA=";

    private static final int SOI_LENGTH = 2;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final short TIFF_SHORT = 3;

    private MediaSamples() {
    }

    /** A baseline JFIF JPEG of {@code width} × {@code height} with the shared picture (red top-left quarter). */
    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_3BYTE_BGR), "jpg");
    }

    /** {@link #jpegWithOrientation(int, int, int, ByteOrder)} with a big-endian ("MM") TIFF block, as most cameras. */
    public static byte[] jpegWithOrientation(int width, int height, int orientation) {
        return jpegWithOrientation(width, height, orientation, ByteOrder.BIG_ENDIAN);
    }

    /**
     * A JPEG stored as {@code width} × {@code height} whose EXIF Orientation tag (0x0112) is {@code orientation}: the
     * JFIF APP0 segment is replaced by an APP1 Exif segment right after SOI, as cameras write it, holding a minimal
     * TIFF block in {@code order} (header, IFD0 at offset 8 with the one tag, no next IFD). A viewer honouring it
     * shows orientations 5–8 as {@code height} × {@code width}; with 6 (rotate 90° clockwise) the red quarter
     * appears top-right.
     */
    public static byte[] jpegWithOrientation(int width, int height, int orientation, ByteOrder order) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, was " + orientation);
        }
        byte[] plain = jpeg(width, height);
        int afterApp0 = SOI_LENGTH + 2 + segmentLength(plain, SOI_LENGTH);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 64);
        out.write(plain, 0, SOI_LENGTH);
        out.writeBytes(exifApp1(orientation, order));
        out.write(plain, afterApp0, plain.length - afterApp0);
        return out.toByteArray();
    }

    /** A PNG ({@code TYPE_INT_ARGB}) whose left half is fully transparent and right half opaque blue. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.BLUE);
            g.fillRect(width / 2, 0, width - width / 2, height);
        } finally {
            g.dispose();
        }
        return write(image, "png");
    }

    /** A GIF (indexed colours) of {@code width} × {@code height} with the shared picture. */
    public static byte[] gif(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /** A real 64 × 48 lossy WebP (a fresh copy). */
    public static byte[] webp() {
        return Base64.getDecoder().decode(WEBP_64X48);
    }

    /**
     * A minimal ISO BMFF (MP4) file: an {@code ftyp} box (major brand {@code mp42}, compatible {@code isom},
     * {@code mp42}), a {@code free} box and a small {@code mdat} box. Good for sniffing; it holds no playable track.
     */
    public static byte[] mp4() {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + 24).order(ByteOrder.BIG_ENDIAN);
        box(b, 24, "ftyp").put(ascii("mp42")).putInt(0).put(ascii("isom")).put(ascii("mp42"));
        box(b, 8, "free");
        box(b, 24, "mdat").put(new byte[16]);
        return b.array();
    }

    /** A minimal valid one-page PDF 1.4 (catalog, pages, an empty page, a correct xref table and trailer). */
    public static byte[] pdf() {
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code text} in UTF-8. */
    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} pseudo-random bytes, the same for the same seed (no known format: control bytes and zeros). */
    public static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0, 64, 255), width, 0, new Color(0, 200, 64)));
            g.fillRect(0, 0, width, height);
            g.setPaint(Color.RED);
            g.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 4));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The length field (which counts itself) of the JPEG segment whose marker starts at {@code at}. */
    private static int segmentLength(byte[] jpeg, int at) {
        if ((jpeg[at] & 0xFF) != 0xFF || (jpeg[at + 1] & 0xFF) != 0xE0) {
            throw new IllegalStateException("ImageIO's JPEG does not start with SOI, APP0");
        }
        return ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
    }

    /** APP1: marker, length, "Exif\0\0", then TIFF header, IFD0 {Orientation SHORT 1}, next-IFD offset 0. */
    private static byte[] exifApp1(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        tiff.put(ascii(order == ByteOrder.BIG_ENDIAN ? "MM" : "II")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) TAG_ORIENTATION).putShort(TIFF_SHORT).putInt(1)
                .putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] header = ascii("Exif\0\0");
        int length = 2 + header.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(header).put(tiff.array());
        return app1.array();
    }

    private static ByteBuffer box(ByteBuffer b, int size, String type) {
        return b.putInt(size).put(ascii(type));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

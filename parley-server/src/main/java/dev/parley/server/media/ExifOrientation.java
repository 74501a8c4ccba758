package dev.parley.server.media;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the EXIF Orientation tag (0x0112, values 1–8) of a JPEG from its header segments, without ImageIO metadata.
 *
 * <p>Parsed by hand rather than through the JPEG reader's metadata tree because that tree rejects files the decoder
 * accepts (an APP1 before the JFIF APP0, odd ICC profiles), and Thumbnailator's {@code ExifUtils} assumes IFD0 at
 * offset 8. Every offset is bounds-checked; anything missing, malformed or out of range means orientation 1 (as
 * stored), so a bad EXIF block never costs a thumbnail.
 */
final class ExifOrientation {
    /** The orientation that leaves the image as stored. */
    static final int NORMAL = 1;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int IFD_ENTRY = 12;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    /** EXIF sits in the first segments; stop looking after this many header bytes. */
    private static final long SCAN_LIMIT = 1 << 20;

    private ExifOrientation() {
    }

    /**
     * The orientation of the JPEG at the current position of {@code in} (1 when absent or unreadable). Leaves
     * {@code in} somewhere in the header: the caller seeks back. Throws only what reading {@code in} throws.
     */
    static int read(ImageInputStream in) throws IOException {
        try {
            if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != SOI) {
                return NORMAL;
            }
            return scanSegments(in);
        } catch (EOFException e) {
            return NORMAL;
        }
    }

    private static int scanSegments(ImageInputStream in) throws IOException {
        while (in.getStreamPosition() < SCAN_LIMIT) {
            int marker = nextMarker(in);
            if (marker == SOS || marker == EOI || marker < 0) {
                return NORMAL;
            }
            if (isStandalone(marker)) {
                continue;
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return NORMAL;
            }
            if (marker == APP1) {
                byte[] segment = new byte[length];
                in.readFully(segment);
                if (startsWith(segment, EXIF_HEADER)) {
                    return fromTiff(ByteBuffer.wrap(segment, EXIF_HEADER.length, length - EXIF_HEADER.length)
                            .slice());
                }
            } else {
                in.skipBytes(length);
            }
        }
        return NORMAL;
    }

    /** The next marker code, skipping fill bytes (0xFF); -1 when the bytes are not a marker. */
    private static int nextMarker(ImageInputStream in) throws IOException {
        if (in.readUnsignedByte() != 0xFF) {
            return -1;
        }
        int code = in.readUnsignedByte();
        while (code == 0xFF) {
            code = in.readUnsignedByte();
        }
        return code;
    }

    /** Markers without a length field: TEM and RST0–RST7. */
    private static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** Orientation from a TIFF block: byte order, magic 42, IFD0's entries. */
    static int fromTiff(ByteBuffer tiff) {
        if (tiff.remaining() < 8) {
            return NORMAL;
        }
        char b0 = (char) tiff.get(0);
        char b1 = (char) tiff.get(1);
        if (b0 == 'I' && b1 == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b0 == 'M' && b1 == 'M') {
            tiff.order(ByteOrder.BIG_ENDIAN);
        } else {
            return NORMAL;
        }
        if (tiff.getShort(2) != 42) {
            return NORMAL;
        }
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        return ifd + 2 > tiff.limit() ? NORMAL : fromIfd(tiff, (int) ifd);
    }

    private static int fromIfd(ByteBuffer tiff, int ifd) {
        int entries = Short.toUnsignedInt(tiff.getShort(ifd));
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * IFD_ENTRY;
            if (entry + IFD_ENTRY > tiff.limit()) {
                return NORMAL;
            }
            if (Short.toUnsignedInt(tiff.getShort(entry)) == TAG_ORIENTATION) {
                return orientationValue(tiff, entry);
            }
        }
        return NORMAL;
    }

    /** The value of an Orientation entry: a SHORT (or, from lax writers, a LONG) stored inline. */
    private static int orientationValue(ByteBuffer tiff, int entry) {
        int type = Short.toUnsignedInt(tiff.getShort(entry + 2));
        int value;
        if (type == TYPE_SHORT) {
            value = Short.toUnsignedInt(tiff.getShort(entry + 8));
        } else if (type == TYPE_LONG) {
            value = tiff.getInt(entry + 8);
        } else {
            return NORMAL;
        }
        return value >= 1 && value <= 8 ? value : NORMAL;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

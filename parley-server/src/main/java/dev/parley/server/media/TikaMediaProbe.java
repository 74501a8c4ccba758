package dev.parley.server.media;

import dev.parley.core.port.MediaProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * {@link MediaProbe} on Apache Tika's magic-number detector (tika-core) and ImageIO.
 *
 * <p><b>Sniffing</b> reads only the head of the bytes (Tika's longest magic, 64 KiB). The file name is a hint only
 * where the bytes are ambiguous: it may narrow what the magic found to a sub-type ({@code application/zip} to a
 * {@code .docx}, {@code text/plain} to {@code .csv}) within the same top-level type, never decide on its own. So PDF
 * bytes named {@code photo.jpg} stay {@code application/pdf}, unknown bytes named {@code photo.jpg} stay
 * {@code application/octet-stream}, and text named {@code x.svg} stays {@code text/plain}: a name never makes bytes
 * an image. One correction to Tika: an ISO BMFF file whose {@code ftyp} major brand is an MP4 one ({@code isom},
 * {@code avc1}, …) is {@code video/mp4}, where Tika says {@code video/quicktime}.
 *
 * <p><b>Images</b> (JPEG, PNG, GIF, BMP, WebP) are measured and thumbnailed by {@link ImageThumbnails}: a
 * subsampled decode, EXIF orientation applied, a JPEG of at most {@code thumbnailMaxSide} pixels. Images over
 * {@code maxPixels} are measured (from the header) but not decoded; corrupt ones get no size and no thumbnail.
 *
 * <p>Stateless and thread-safe: every call opens its own streams and ImageIO reader.
 */
public final class TikaMediaProbe implements MediaProbe {
    /** The longest side of a thumbnail unless configured (docs/protocol.md 13.1). */
    public static final int DEFAULT_THUMBNAIL_MAX_SIDE = 192;
    /** Images with more pixels are measured but not decoded unless configured. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();
    private static final String OCTET_STREAM = MimeTypes.OCTET_STREAM;
    private static final String QUICKTIME = "video/quicktime";
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "avc1",
            "dash", "mp41", "mp42");
    /** Names browsers and clients send that Tika's registry does not know as aliases. */
    private static final Map<String, String> ALIASES = Map.of(
            "image/jpg", "image/jpeg", "image/pjpeg", "image/jpeg", "image/x-png", "image/png",
            "image/x-ms-bmp", "image/bmp", "audio/mp3", "audio/mpeg", "audio/x-mp3", "audio/mpeg",
            "audio/mpeg3", "audio/mpeg", "audio/x-m4a", "audio/mp4");
    /**
     * ISO base media files, told apart only by the {@code ftyp} brand. Browsers and phones label them from the file
     * extension ({@code .mov} holding H.264 is {@code video/quicktime}, an {@code .m4a} may be sent as
     * {@code video/mp4}, some send {@code application/mp4}), and Tika's brand table differs from theirs, so any of
     * these accepts any other: the served type is the sniffed one anyway.
     */
    private static final Set<String> ISO_BMFF = Set.of("video/mp4", QUICKTIME, "application/mp4", "audio/mp4",
            "video/x-m4v");

    /**
     * Matroska and its WebM profile: Tika's magic says {@code application/x-matroska} for both (what Chrome's
     * MediaRecorder produces is WebM); audio-only WebM is often declared {@code audio/webm}. They accept each other.
     */
    private static final Set<String> MATROSKA = Set.of("application/x-matroska", "video/x-matroska", "video/webm",
            "audio/webm", "audio/x-matroska");

    private final ImageThumbnails images;

    /** A probe with the default thumbnail side (192) and pixel cap (100 megapixels). */
    public TikaMediaProbe() {
        this(DEFAULT_THUMBNAIL_MAX_SIDE, DEFAULT_MAX_PIXELS);
    }

    /**
     * @param thumbnailMaxSide longest side of a thumbnail, in pixels (≥ 1)
     * @param maxPixels images with more pixels (width × height) are measured but not decoded (≥ 1)
     */
    public TikaMediaProbe(int thumbnailMaxSide, long maxPixels) {
        if (thumbnailMaxSide < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("thumbnail side and pixel cap must be >= 1, were " + thumbnailMaxSide
                    + " and " + maxPixels);
        }
        this.images = new ImageThumbnails(thumbnailMaxSide, maxPixels);
    }

    @Override
    public Probe probe(Source source, String fileName) throws IOException {
        String mime = sniff(source, fileName);
        if (!ImageThumbnails.decodes(mime)) {
            return new Probe(mime, null, null, null);
        }
        return images.describe(source, mime)
                .map(image -> new Probe(mime, image.width(), image.height(), image.thumbnail()))
                .orElseGet(() -> new Probe(mime, null, null, null));
    }

    /** The type from the head's magic, narrowed by the name's where that is a sub-type of the same top level. */
    private static String sniff(Source source, String fileName) throws IOException {
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(TYPES.getMinLength());
        }
        MediaType magic = TYPES.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType();
        if (isOctetStream(magic)) {
            return OCTET_STREAM;
        }
        if (QUICKTIME.equals(magic.toString()) && MP4_BRANDS.contains(majorBrand(head))) {
            return "video/mp4";
        }
        if (MATROSKA.contains(magic.toString())) {
            return isWebm(head) ? "video/webm" : "video/x-matroska";
        }
        return name(narrowedByName(magic, fileName));
    }

    private static MediaType narrowedByName(MediaType magic, String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return magic;
        }
        MediaType hinted = TYPES.getMimeType(fileName).getType().getBaseType();
        boolean sameTopLevel = hinted.getType().equals(magic.getType());
        return sameTopLevel && REGISTRY.isSpecializationOf(hinted, magic) ? hinted : magic;
    }

    /**
     * Whether a Matroska (EBML) head declares the WebM DocType: the DocType element (ID {@code 0x4282}) sits in the
     * EBML header at the very start, so the ASCII "webm" appears within its first few dozen bytes.
     */
    private static boolean isWebm(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
        return start.contains("\u0042\u0082") && start.contains("webm");
    }

    /** The major brand of a leading {@code ftyp} box, or "" when the bytes do not start with one. */
    private static String majorBrand(byte[] head) {
        if (head.length < 12 || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            return "";
        }
        return new String(head, 8, 4, StandardCharsets.ISO_8859_1);
    }

    /**
     * Equal types after normalizing (case, parameters, aliases) match; a declared {@code application/octet-stream}
     * accepts anything; either may be a sub-type of the other in Tika's registry ({@code application/zip} and a
     * {@code .docx}, {@code text/plain} and {@code text/csv}); ISO BMFF types accept each other (see
     * {@link #ISO_BMFF}). One exception to "sub-type of the other": when nothing was recognized
     * ({@code application/octet-stream}, the root of every type) the claim holds only for types Tika has no magic
     * for — had the bytes been the PNG they claim, the magic would have found it.
     */
    @Override
    public boolean matches(String declared, String sniffed) {
        MediaType claim = normalize(declared);
        MediaType found = normalize(sniffed);
        if (claim == null || found == null) {
            return false;
        }
        if (claim.equals(found) || isOctetStream(claim) || REGISTRY.isSpecializationOf(found, claim)) {
            return true;
        }
        if (ISO_BMFF.contains(claim.toString()) && ISO_BMFF.contains(found.toString())
                || MATROSKA.contains(claim.toString()) && MATROSKA.contains(found.toString())) {
            return true;
        }
        if (isOctetStream(found)) {
            return !hasMagic(claim);
        }
        return REGISTRY.isSpecializationOf(claim, found);
    }

    /** Lower-case base type, our aliases then Tika's applied; null for blank or malformed input. */
    private static MediaType normalize(String type) {
        if (type == null) {
            return null;
        }
        MediaType parsed = MediaType.parse(type.trim().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            return null;
        }
        String base = parsed.getBaseType().toString();
        MediaType aliased = MediaType.parse(ALIASES.getOrDefault(base, base));
        return REGISTRY.normalize(aliased);
    }

    private static boolean hasMagic(MediaType type) {
        try {
            // getRegisteredMimeType, unlike forName, does not register unknown names (no growth from client input).
            MimeType known = TYPES.getRegisteredMimeType(type.toString());
            return known != null && known.hasMagic();
        } catch (MimeTypeException e) {
            return false;
        }
    }

    private static boolean isOctetStream(MediaType type) {
        return OCTET_STREAM.equals(type.toString());
    }

    private static String name(MediaType type) {
        return type.getBaseType().toString().toLowerCase(Locale.ROOT);
    }
}

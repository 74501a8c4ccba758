package dev.parley.server.media;

import dev.parley.core.port.MediaProbe;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileCacheImageInputStream;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures an image and makes its thumbnail without ever holding it at full size.
 *
 * <ul>
 *   <li>The size comes from the header ({@link ImageReader#getWidth}), so an image over the pixel cap is still
 *       measured, just not decoded.</li>
 *   <li>The decode is subsampled so the raster's longest side is 2–4× the thumbnail's (or the image itself when
 *       smaller): a 24-megapixel photo becomes a few hundred thousand pixels while it is read.</li>
 *   <li>The bytes go through a {@link FileCacheImageInputStream} (disk, not heap) because readers may seek back.</li>
 *   <li>A JPEG's EXIF orientation is applied to the thumbnail, and the reported size is as displayed (5–8 swap).</li>
 *   <li>Transparency is flattened on white (JPEG has no alpha; black would hide dark content).</li>
 * </ul>
 * Only formats chat clients display are decoded: JPEG, PNG, GIF (first frame), BMP and WebP (TwelveMonkeys plugin,
 * with a tighter pixel cap: {@link #WEBP_MAX_PIXELS}).
 */
final class ImageThumbnails {
    private static final Logger log = LoggerFactory.getLogger(ImageThumbnails.class);
    private static final Set<String> DECODED = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp",
            "image/webp");
    private static final float JPEG_QUALITY = 0.7f;
    /**
     * TwelveMonkeys' pure-Java VP8 decoder builds every macroblock of the frame whatever the subsampling, about 20
     * bytes of heap per pixel (a 12-megapixel lossy WebP needs 200–300 MB), so WebP gets a tighter cap: 2^23 pixels
     * (e.g. 4096 × 2048, under 200 MB). Stickers and web images are far smaller.
     */
    static final long WEBP_MAX_PIXELS = 1L << 23;

    static {
        // Registers plugins (WebP) visible to this class loader even when ImageIO's registry was first built under
        // another context class loader.
        ImageIO.scanForPlugins();
    }

    /** Size as displayed; {@code thumbnail} (base64 JPEG) is null when the image was too large to decode. */
    record Described(int width, int height, String thumbnail) {
    }

    private final int maxSide;
    private final long maxPixels;

    ImageThumbnails(int maxSide, long maxPixels) {
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
    }

    /** Whether {@code mime} is a type this class measures (and an ImageIO reader for it is installed). */
    static boolean decodes(String mime) {
        return DECODED.contains(mime) && ImageIO.getImageReadersByMIMEType(mime).hasNext();
    }

    /**
     * Measures and thumbnails the image in {@code source}, read as {@code mime}. Empty when the bytes are not a
     * readable image of that type (corrupt, truncated, unsupported variant). Throws only the source's own
     * {@link IOException}s: decoding failures never escape.
     */
    Optional<Described> describe(MediaProbe.Source source, String mime) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mime);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        SourceStream in = new SourceStream(source.open());
        try (in; ImageInputStream images = cached(in)) {
            return Optional.ofNullable(describe(reader, images, mime));
        } catch (IOException | RuntimeException e) {
            in.rethrowFailure();
            log.debug("{} bytes could not be decoded: {}", mime, e.toString());
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /** A disk-cached view of {@code in}; a cache that cannot be made (temp directory) is worth a warning. */
    private static ImageInputStream cached(InputStream in) throws IOException {
        try {
            return new FileCacheImageInputStream(in, ImageIO.getCacheDirectory());
        } catch (IOException e) {
            log.warn("cannot create the ImageIO cache file, images get no thumbnail: {}", e.toString());
            throw e;
        }
    }

    /** Null when the decode came out truncated. */
    private Described describe(ImageReader reader, ImageInputStream images, String mime) throws IOException {
        int orientation = "image/jpeg".equals(mime) ? ExifOrientation.read(images) : ExifOrientation.NORMAL;
        images.seek(0);
        reader.setInput(images, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            return null;
        }
        boolean turned = orientation >= 5;
        int shownWidth = turned ? height : width;
        int shownHeight = turned ? width : height;
        long cap = "image/webp".equals(mime) ? Math.min(maxPixels, WEBP_MAX_PIXELS) : maxPixels;
        if ((long) width * height > cap) {
            return new Described(shownWidth, shownHeight, null);
        }
        TruncationWatch watch = new TruncationWatch();
        reader.addIIOReadWarningListener(watch);
        BufferedImage decoded = reader.read(0, subsampled(reader, Math.max(width, height)));
        if (watch.truncated) {
            return null;
        }
        return new Described(shownWidth, shownHeight, thumbnail(decoded, orientation));
    }

    private ImageReadParam subsampled(ImageReader reader, int longest) {
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsamplingStep(longest, maxSide);
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return param;
    }

    /**
     * Read every n-th pixel of every n-th row: n is chosen so the decoded longest side, ⌈longest / n⌉, lands in
     * [2, 4) × {@code maxSide} — enough detail for a good downscale, far below the full image. 1 for small images.
     */
    static int subsamplingStep(int longest, int maxSide) {
        return Math.max(1, longest / (2 * maxSide));
    }

    /** The base64 JPEG: flattened, scaled to fit {@code maxSide} (never enlarged), then oriented. */
    private String thumbnail(BufferedImage decoded, int orientation) throws IOException {
        BufferedImage rgb = onWhite(decoded);
        double scale = Math.min(1.0, (double) maxSide / Math.max(rgb.getWidth(), rgb.getHeight()));
        int width = Math.max(1, (int) Math.round(rgb.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(rgb.getHeight() * scale));
        BufferedImage scaled = Thumbnails.of(rgb).forceSize(width, height).asBufferedImage();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        Thumbnails.of(oriented(scaled, orientation)).scale(1.0).outputFormat("jpg").outputQuality(JPEG_QUALITY)
                .toOutputStream(out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * {@code image} as displayed under EXIF {@code orientation} (1–8): mirrored and/or turned by quarter turns, so
     * the transform maps pixels exactly. 5–8 swap width and height.
     */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation == ExifOrientation.NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // turned 180°
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // turned 90° clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // turned 90° counter-clockwise
            default -> new AffineTransform();
        };
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, transform, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** An opaque RGB copy with any transparency composed over white; also normalizes indexed and grey images. */
    private static BufferedImage onWhite(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Flags a decode the reader completed only by padding missing data: the JPEG reader returns a grey-filled image
     * with a warning rather than failing on a cut file. Other warnings (stray bytes between segments, common in
     * camera files) still give a usable image and are ignored.
     */
    private static final class TruncationWatch implements javax.imageio.event.IIOReadWarningListener {
        private boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (text.contains("truncated") || text.contains("premature end")) {
                truncated = true;
            }
        }
    }

    /**
     * The source's stream, remembering its own failure so it can be told apart from a decoder's complaint about the
     * bytes (both are {@link IOException}s, and readers wrap what they catch).
     */
    private static final class SourceStream extends FilterInputStream {
        private IOException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}

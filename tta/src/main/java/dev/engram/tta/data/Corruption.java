package dev.engram.tta.data;

import dev.engram.tta.SeededRandom;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The 15 corruptions of the CIFAR-10-C / ImageNet-C family (Hendrycks and Dietterich, 2019), in
 * their usual order (glass blur included, the fifteenth beside the fourteen named in issue 4), for
 * grey images in [0, 1], severities 1..5, implemented here so that no data set download is needed.
 * Parameters follow ImageNet-C / CIFAR-10-C scaled to 28x28 digits; frost uses a procedural texture
 * instead of ImageNet-C's frost photographs.
 *
 * <p>Determinism: the random draws of an image depend only on (seed, corruption, image index), not
 * on the severity, so a higher severity scales the same noise and the corruption of a data set is
 * reproducible item by item in any order. Output is clipped to [0, 1] and quantised to 1/255, as if
 * the camera wrote 8-bit pixels.
 */
public enum Corruption {
    GAUSSIAN_NOISE("gaussian_noise"),
    SHOT_NOISE("shot_noise"),
    IMPULSE_NOISE("impulse_noise"),
    DEFOCUS_BLUR("defocus_blur"),
    GLASS_BLUR("glass_blur"),
    MOTION_BLUR("motion_blur"),
    ZOOM_BLUR("zoom_blur"),
    SNOW("snow"),
    FROST("frost"),
    FOG("fog"),
    BRIGHTNESS("brightness"),
    CONTRAST("contrast"),
    ELASTIC_TRANSFORM("elastic_transform"),
    PIXELATE("pixelate"),
    JPEG_COMPRESSION("jpeg_compression");

    /** Standard deviation of the additive noise per severity. */
    static final double[] GAUSSIAN_STD = {0.08, 0.12, 0.18, 0.26, 0.38};
    /** Photons per unit intensity per severity (fewer photons, more noise). */
    static final double[] SHOT_PHOTONS = {60, 25, 12, 5, 3};
    /** Fraction of pixels set to 0 or 1 per severity. */
    static final double[] IMPULSE_AMOUNT = {0.03, 0.06, 0.09, 0.17, 0.27};
    static final double[] DEFOCUS_RADIUS = {0.6, 0.9, 1.2, 1.6, 2.0};
    /** Glass: blur sigma, largest pixel swap distance, swap passes. */
    static final double[][] GLASS_PARAMS = {{0.5, 1, 1}, {0.6, 1, 2}, {0.7, 2, 1}, {0.8, 2, 2}, {1.0, 2, 3}};
    static final double[] MOTION_LENGTH = {1.5, 2.5, 3.5, 4.5, 6.0};
    static final double[] ZOOM_MAX = {1.06, 1.11, 1.16, 1.21, 1.26};
    static final double[] ZOOM_STEP = {0.01, 0.01, 0.02, 0.02, 0.03};
    /** Snow: layer mean, layer std, zoom, threshold, streak length, blend of the original. */
    static final double[][] SNOW_PARAMS = {{0.1, 0.2, 1, 0.6, 1.5, 0.95}, {0.1, 0.2, 1, 0.5, 2, 0.9},
        {0.15, 0.3, 1.75, 0.55, 2, 0.9}, {0.25, 0.3, 2.25, 0.6, 3, 0.85}, {0.3, 0.3, 1.25, 0.65, 4, 0.8}};
    /** Frost: weight of the image, weight of the frost texture. */
    static final double[][] FROST_PARAMS = {{1, 0.2}, {1, 0.3}, {0.9, 0.4}, {0.85, 0.4}, {0.75, 0.45}};
    /** Fog: strength, plasma wibble decay. */
    static final double[][] FOG_PARAMS = {{0.5, 3}, {0.75, 2.5}, {1, 2}, {1.5, 1.75}, {2, 1.5}};
    static final double[] BRIGHTNESS_SHIFT = {0.1, 0.2, 0.3, 0.4, 0.5};
    static final double[] CONTRAST_FACTOR = {0.4, 0.3, 0.2, 0.1, 0.05};
    /** Elastic: RMS displacement in pixels, smoothing sigma of the displacement field. */
    static final double[][] ELASTIC_PARAMS = {{0.5, 3}, {1, 3}, {1.5, 2.5}, {2, 2.5}, {2.5, 2}};
    static final double[] PIXELATE_SCALE = {0.6, 0.5, 0.4, 0.3, 0.25};
    static final int[] JPEG_QUALITY = {25, 18, 15, 10, 7};

    private final String id;

    Corruption(String id) {
        this.id = id;
    }

    /** The CIFAR-10-C name, e.g. {@code gaussian_noise}. */
    public String id() {
        return id;
    }

    public static Corruption ofId(String id) {
        for (Corruption c : values()) if (c.id.equals(id) || c.name().equalsIgnoreCase(id)) return c;
        throw new IllegalArgumentException("unknown corruption '" + id + "'");
    }

    /** Corrupts item {@code index} of a data set; the input is not modified. */
    public float[] apply(float[] image, int width, int height, int severity, long seed, long index) {
        return apply(image, width, height, severity, SeededRandom.forItem(seed, ordinal(), index));
    }

    /** Corrupts with draws from {@code rnd}; the input is not modified. */
    public float[] apply(float[] image, int width, int height, int severity, SeededRandom rnd) {
        if (severity < 1 || severity > 5) throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        if (image.length != width * height) {
            throw new IllegalArgumentException(image.length + " pixels for " + width + "x" + height);
        }
        int s = severity - 1;
        float[] x = image.clone();
        float[] out = switch (this) {
            case GAUSSIAN_NOISE -> {
                for (int i = 0; i < x.length; i++) x[i] += (float) (GAUSSIAN_STD[s] * rnd.nextGaussian());
                yield x;
            }
            case SHOT_NOISE -> {
                double c = SHOT_PHOTONS[s];
                for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextPoisson(x[i] * c) / c);
                yield x;
            }
            case IMPULSE_NOISE -> {
                // Draw both numbers for every pixel so the pixels hit at a lower amount stay hit at a higher one.
                for (int i = 0; i < x.length; i++) {
                    double u = rnd.nextDouble();
                    double salt = rnd.nextDouble();
                    if (u < IMPULSE_AMOUNT[s]) x[i] = salt < 0.5 ? 0f : 1f;
                }
                yield x;
            }
            case DEFOCUS_BLUR -> GreyKernels.filter(x, width, height, disk(DEFOCUS_RADIUS[s]), radiusOf(DEFOCUS_RADIUS[s]));
            case GLASS_BLUR -> glass(x, width, height, GLASS_PARAMS[s], rnd);
            case MOTION_BLUR -> GreyKernels.motionBlur(x, width, height, MOTION_LENGTH[s], (rnd.nextDouble() - 0.5) * Math.PI / 2);
            case ZOOM_BLUR -> {
                float[] acc = x.clone();
                int n = 1;
                for (double z = 1 + ZOOM_STEP[s]; z <= ZOOM_MAX[s] + 1e-9; z += ZOOM_STEP[s], n++) {
                    float[] zoomed = GreyKernels.zoom(x, width, height, z);
                    for (int i = 0; i < acc.length; i++) acc[i] += zoomed[i];
                }
                for (int i = 0; i < acc.length; i++) acc[i] /= n;
                yield acc;
            }
            case SNOW -> snow(x, width, height, SNOW_PARAMS[s], rnd);
            case FROST -> {
                float[] frost = frostTexture(width, height, rnd);
                for (int i = 0; i < x.length; i++) x[i] = (float) (FROST_PARAMS[s][0] * x[i] + FROST_PARAMS[s][1] * frost[i]);
                yield x;
            }
            case FOG -> {
                int size = Integer.highestOneBit(Math.max(width, height) - 1) << 1;
                float[] plasma = GreyKernels.plasma(size, FOG_PARAMS[s][1], rnd::nextDouble);
                float max = 0;
                for (float v : x) max = Math.max(max, v);
                double c = FOG_PARAMS[s][0];
                for (int y = 0; y < height; y++) {
                    for (int xx = 0; xx < width; xx++) {
                        int i = y * width + xx;
                        x[i] = (float) ((x[i] + c * plasma[y * size + xx]) * max / (max + c));
                    }
                }
                yield x;
            }
            case BRIGHTNESS -> {
                for (int i = 0; i < x.length; i++) x[i] += (float) BRIGHTNESS_SHIFT[s];
                yield x;
            }
            case CONTRAST -> {
                double mean = 0;
                for (float v : x) mean += v;
                mean /= x.length;
                for (int i = 0; i < x.length; i++) x[i] = (float) ((x[i] - mean) * CONTRAST_FACTOR[s] + mean);
                yield x;
            }
            case ELASTIC_TRANSFORM -> elastic(x, width, height, ELASTIC_PARAMS[s], rnd);
            case PIXELATE -> pixelate(x, width, height, PIXELATE_SCALE[s]);
            case JPEG_COMPRESSION -> jpeg(x, width, height, JPEG_QUALITY[s]);
        };
        GreyKernels.clip(out);
        for (int i = 0; i < out.length; i++) out[i] = Math.round(out[i] * 255f) / 255f;
        return out;
    }

    private static int radiusOf(double radius) {
        return (int) Math.ceil(radius);
    }

    /** An anti-aliased disk kernel of the given radius, normalised to sum 1. */
    static float[] disk(double radius) {
        int r = radiusOf(radius);
        int k = 2 * r + 1;
        float[] kernel = new float[k * k];
        double sum = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                double v = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(dx, dy)));
                kernel[(dy + r) * k + dx + r] = (float) v;
                sum += v;
            }
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] /= (float) sum;
        return kernel;
    }

    /** Blur, swap each pixel with a random neighbour within a distance, blur again (CIFAR-10-C glass). */
    private static float[] glass(float[] x, int w, int h, double[] p, SeededRandom rnd) {
        float[] out = GreyKernels.gaussianBlur(x, w, h, p[0]);
        int delta = (int) p[1];
        for (int pass = 0; pass < (int) p[2]; pass++) {
            for (int y = h - delta - 1; y >= delta; y--) {
                for (int xx = w - delta - 1; xx >= delta; xx--) {
                    int ny = y + rnd.nextInt(2 * delta + 1) - delta;
                    int nx = xx + rnd.nextInt(2 * delta + 1) - delta;
                    float t = out[y * w + xx];
                    out[y * w + xx] = out[ny * w + nx];
                    out[ny * w + nx] = t;
                }
            }
        }
        return GreyKernels.gaussianBlur(out, w, h, p[0]);
    }

    private static float[] snow(float[] x, int w, int h, double[] p, SeededRandom rnd) {
        float[] layer = new float[x.length];
        for (int i = 0; i < layer.length; i++) layer[i] = (float) (p[0] + p[1] * rnd.nextGaussian());
        layer = GreyKernels.zoom(layer, w, h, p[2]);
        for (int i = 0; i < layer.length; i++) if (layer[i] < p[3]) layer[i] = 0;
        double angle = -Math.PI / 2 + (rnd.nextDouble() - 0.5) * Math.PI / 2;
        layer = GreyKernels.motionBlur(layer, w, h, p[4], angle);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double base = p[5] * x[i] + (1 - p[5]) * Math.max(x[i], x[i] * 1.5 + 0.5);
            out[i] = (float) (base + layer[i] + layer[x.length - 1 - i]);
        }
        return out;
    }

    /** Ice crystals: short branching random walks over a faint fractal haze, in [0, 1]. */
    private static float[] frostTexture(int w, int h, SeededRandom rnd) {
        int size = Integer.highestOneBit(Math.max(w, h) - 1) << 1;
        float[] haze = GreyKernels.plasma(size, 2, rnd::nextDouble);
        float[] crystals = new float[w * h];
        int strands = 6 + rnd.nextInt(4);
        for (int s = 0; s < strands; s++) {
            double x = rnd.nextDouble() * w;
            double y = rnd.nextDouble() * h;
            double angle = rnd.nextDouble() * 2 * Math.PI;
            int steps = 8 + rnd.nextInt(12);
            for (int t = 0; t < steps; t++) {
                int xi = (int) x;
                int yi = (int) y;
                if (xi >= 0 && yi >= 0 && xi < w && yi < h) crystals[yi * w + xi] = 1f;
                angle += (rnd.nextDouble() - 0.5) * 1.2;
                x += Math.cos(angle);
                y += Math.sin(angle);
            }
        }
        crystals = GreyKernels.gaussianBlur(crystals, w, h, 0.6);
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = Math.min(1f, 0.45f * haze[y * size + x] + 1.4f * crystals[y * w + x] + 0.25f);
            }
        }
        return out;
    }

    private static float[] elastic(float[] x, int w, int h, double[] p, SeededRandom rnd) {
        float[] dx = new float[x.length];
        float[] dy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = (float) (2 * rnd.nextDouble() - 1);
            dy[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        dx = GreyKernels.gaussianBlur(dx, w, h, p[1]);
        dy = GreyKernels.gaussianBlur(dy, w, h, p[1]);
        double rms = 0;
        for (int i = 0; i < x.length; i++) rms += dx[i] * dx[i] + dy[i] * dy[i];
        double scale = p[0] / Math.sqrt(Math.max(1e-12, rms / x.length));
        float[] out = new float[x.length];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int i = y * w + xx;
                out[i] = GreyKernels.sample(x, w, h, xx + scale * dx[i], y + scale * dy[i]);
            }
        }
        return out;
    }

    private static float[] pixelate(float[] x, int w, int h, double scale) {
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        float[] small = new float[sw * sh];
        float[] count = new float[sw * sh];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int j = (y * sh / h) * sw + xx * sw / w;
                small[j] += x[y * w + xx];
                count[j]++;
            }
        }
        float[] out = new float[x.length];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int j = (y * sh / h) * sw + xx * sw / w;
                out[y * w + xx] = small[j] / count[j];
            }
        }
        return out;
    }

    private static float[] jpeg(float[] x, int w, int h, int quality) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = new byte[w * h];
        for (int i = 0; i < raster.length; i++) raster[i] = (byte) Math.round(Math.max(0, Math.min(1, x[i])) * 255);
        img.getRaster().setDataElements(0, 0, w, h, raster);
        try {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(img, null, null), param);
            } finally {
                writer.dispose();
            }
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                reader.setInput(in);
                BufferedImage back = reader.read(0);
                float[] out = new float[w * h];
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) out[y * w + xx] = back.getRaster().getSample(xx, y, 0) / 255f;
                }
                return out;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed", e);
        }
    }
}

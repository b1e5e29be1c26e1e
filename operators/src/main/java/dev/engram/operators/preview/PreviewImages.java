package dev.engram.operators.preview;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Turns what a learner saw into a small JPEG: area-averaged down to {@link #MAX_SIDE}, or up by whole pixels. */
public final class PreviewImages {
    /** Longer side of a preview, in pixels. */
    public static final int MAX_SIDE = 320;
    private static final float QUALITY = 0.8f;

    private PreviewImages() {}

    /** A preview of interleaved RGB pixels, scaled to fit {@link #MAX_SIDE} (never up). */
    public static Preview rgb(byte[] rgb, int width, int height) {
        int f = Math.max(1, (Math.max(width, height) + MAX_SIDE - 1) / MAX_SIDE);
        int w = Math.max(1, width / f), h = Math.max(1, height / f);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0, g = 0, b = 0;
                for (int yy = y * f; yy < y * f + f; yy++) {
                    for (int xx = x * f; xx < x * f + f; xx++) {
                        int i = 3 * (yy * width + xx);
                        r += rgb[i] & 0xFF;
                        g += rgb[i + 1] & 0xFF;
                        b += rgb[i + 2] & 0xFF;
                    }
                }
                int n = f * f, o = 3 * (y * w + x);
                out[o] = (byte) (b / n);
                out[o + 1] = (byte) (g / n);
                out[o + 2] = (byte) (r / n);
            }
        }
        return encode(img);
    }

    /** A preview of grey pixels in [0, 1] (a digit), enlarged by whole pixels to at most {@code side}. */
    public static Preview grey(float[] pixels, int width, int height, int side) {
        int f = Math.max(1, side / Math.max(width, height));
        BufferedImage img = new BufferedImage(width * f, height * f, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height * f; y++) {
            for (int x = 0; x < width * f; x++) {
                float v = pixels[(y / f) * width + x / f];
                out[y * width * f + x] = (byte) Math.round(255 * Math.min(1f, Math.max(0f, v)));
            }
        }
        return encode(img);
    }

    /**
     * A raster of events on a {@code width}x{@code height} sensor: grey where nothing happened, light
     * where ON events fell, dark where OFF events fell (the later event of a pixel wins).
     */
    public static Preview events(int width, int height, int[] xs, int[] ys, byte[] polarity, int count) {
        byte[] rgb = new byte[3 * width * height];
        java.util.Arrays.fill(rgb, (byte) 96);
        for (int i = 0; i < count; i++) {
            int x = xs[i], y = ys[i];
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            int o = 3 * (y * width + x);
            boolean on = polarity[i] != 0;
            rgb[o] = (byte) (on ? 255 : 20);
            rgb[o + 1] = (byte) (on ? 230 : 60);
            rgb[o + 2] = (byte) (on ? 120 : 200);
        }
        int f = Math.max(1, MAX_SIDE / Math.max(width, height));
        if (f == 1) return rgb(rgb, width, height);
        byte[] big = new byte[3 * width * f * height * f];
        for (int y = 0; y < height * f; y++) {
            for (int x = 0; x < width * f; x++) System.arraycopy(rgb, 3 * ((y / f) * width + x / f), big, 3 * (y * width * f + x), 3);
        }
        return rgb(big, width * f, height * f);
    }

    private static Preview encode(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding of a preview failed", e);
        } finally {
            writer.dispose();
        }
        Preview p = new Preview();
        p.width = img.getWidth();
        p.height = img.getHeight();
        p.jpeg = bytes.toByteArray();
        return p;
    }
}

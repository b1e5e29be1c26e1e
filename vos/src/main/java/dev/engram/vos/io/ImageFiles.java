package dev.engram.vos.io;

import dev.engram.vos.Frame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads JPEG and PNG images (anything {@code javax.imageio} decodes) into {@link Frame}s with
 * interleaved RGB bytes. Alpha is dropped; grayscale images are expanded to three equal channels.
 *
 * <p>Failure behaviour: a missing, unreadable, corrupt or truncated image throws
 * {@link BadInputException} whose message names the file (or the caller's name for in-memory
 * bytes) and the cause. Truncation is detected through the decoder's warnings ("Premature end of
 * JPEG file"), which {@code ImageIO.read} would otherwise swallow while returning a grey-filled
 * image. The returned frame has no annotation, {@code timestampMs} 0 and {@code origin} set to the
 * file path or name.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Decodes {@code file} into a frame of stream {@code streamId} at position {@code index}. */
    public static Frame readFrame(Path file, String streamId, long index) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read image file (" + e + ")", e);
        }
        return decodeFrame(bytes, file.toString(), streamId, index);
    }

    /** Decodes in-memory image bytes; {@code name} identifies them in error messages and {@code origin}. */
    public static Frame decodeFrame(byte[] bytes, String name, String streamId, long index) {
        BufferedImage image = decode(bytes, name);
        Frame frame = new Frame(streamId, index, image.getWidth(), image.getHeight(), toRgb(image));
        return frame.withOrigin(name);
    }

    /** Decodes {@code file} into a {@link BufferedImage}, failing on corrupt or truncated data. */
    static BufferedImage readImage(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read image file (" + e + ")", e);
        }
        return decode(bytes, file.toString());
    }

    static BufferedImage decode(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new BadInputException(name + ": empty image data");
        }
        // A memory-cached stream: ImageIO.createImageInputStream would cache through a temp file.
        try (InputStream in = new ByteArrayInputStream(bytes);
                ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new BadInputException(name + ": not a recognised image format (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(iis, true, true);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new BadInputException(name + ": damaged " + reader.getFormatName() + " image: "
                            + String.join("; ", warnings));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(name + ": cannot decode image (" + e + ")", e);
        }
    }

    /** Interleaved RGB bytes of {@code image}, row-major. */
    static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == rgb.length) {
            byte[] bgr = buffer.getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return rgb;
        }
        int[] row = new int[w];
        for (int y = 0, o = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                rgb[o++] = (byte) (p >> 16);
                rgb[o++] = (byte) (p >> 8);
                rgb[o++] = (byte) p;
            }
        }
        return rgb;
    }

    /** {@code rgb} (interleaved, row-major) as a lossless PNG. */
    public static byte[] encodePng(byte[] rgb, int width, int height) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(width * height + 1024);
        try {
            ImageIO.write(toImage(rgb, width, height), "png", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("PNG encoding failed in memory", e);
        }
        return out.toByteArray();
    }

    private static BufferedImage toImage(byte[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /** {@code rgb} (interleaved, row-major) as a baseline JPEG of {@code quality} in 0..1. */
    public static byte[] encodeJpeg(byte[] rgb, int width, int height, float quality) {
        BufferedImage image = toImage(rgb, width, height);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(width * height / 4 + 1024);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("JPEG encoding failed in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

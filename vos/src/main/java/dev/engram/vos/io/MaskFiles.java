package dev.engram.vos.io;

import dev.engram.vos.Mask;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Reads and writes object-id masks as PNG files.
 *
 * <p>Reading ({@link #read}) understands the mask encodings found in DAVIS data:
 * <ul>
 *   <li>palette PNG ('P', DAVIS 2017): the palette index is the object id;
 *   <li>grayscale ('L') and grayscale+alpha ('LA', alpha ignored): if the only values are 0 and the
 *       maximum of the bit depth (255 for 8-bit), the mask is binary and the maximum maps to object
 *       1 (DAVIS 2016); otherwise every gray value is taken as the object id as it is;
 *   <li>RGB/RGBA (alpha ignored): each colour is looked up in the {@link DavisPalette}; a mask made
 *       only of black and white is binary (white = object 1).
 * </ul>
 * A mask exactly one pixel narrower and/or shorter than the expected size is accepted by replicating
 * its last column and/or row (one DAVIS demo mask is 853x480 for 854x480 frames). Every other size
 * mismatch, an unknown colour, an id above 255, and a corrupt or unreadable file throw
 * {@link BadInputException} naming the file and the problem (for sizes, both sizes).
 *
 * <p>Writing ({@link #writePng}, {@link #encodePng}) produces an 8-bit palette PNG with the DAVIS
 * palette, so the stored pixel values are the object ids, as the DAVIS tools read them.
 */
public final class MaskFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private MaskFiles() {}

    /** Reads {@code png} as a mask of {@code width} x {@code height} object ids. */
    public static Mask read(Path png, int width, int height) {
        BufferedImage image = ImageFiles.readImage(png);
        return toMask(image, png.toString(), width, height);
    }

    /** Decodes in-memory PNG bytes; {@code name} identifies them in error messages. */
    public static Mask decode(byte[] bytes, String name, int width, int height) {
        return toMask(ImageFiles.decode(bytes, name), name, width, height);
    }

    /** Writes {@code mask} to {@code png} as an 8-bit DAVIS palette PNG; creates parent folders. */
    public static void writePng(Mask mask, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(png, encodePng(mask));
    }

    /** Encodes {@code mask} as an 8-bit palette PNG with the DAVIS palette; pixel values are ids. */
    public static byte[] encodePng(Mask mask) {
        int w = mask.width, h = mask.height;
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 8 + 1024);
        out.writeBytes(PNG_SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 3; // colour type: palette
        chunk(out, "IHDR", ihdr, ihdr.length);
        byte[][] t = DavisPalette.tables();
        byte[] plte = new byte[256 * 3];
        for (int i = 0; i < 256; i++) {
            plte[3 * i] = t[0][i];
            plte[3 * i + 1] = t[1][i];
            plte[3 * i + 2] = t[2][i];
        }
        chunk(out, "PLTE", plte, plte.length);
        // Filter type 0 (none) per row: masks are flat regions that deflate well without filtering.
        byte[] raw = new byte[(w + 1) * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(mask.ids, y * w, raw, y * (w + 1) + 1, w);
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        byte[] buf = new byte[Math.max(1024, raw.length / 4)];
        ByteArrayOutputStream idat = new ByteArrayOutputStream(buf.length);
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            idat.write(buf, 0, n);
        }
        deflater.end();
        byte[] compressed = idat.toByteArray();
        chunk(out, "IDAT", compressed, compressed.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    static Mask toMask(BufferedImage image, String name, int width, int height) {
        int w = image.getWidth(), h = image.getHeight();
        boolean fits = (w == width || w == width - 1) && (h == height || h == height - 1);
        if (!fits) {
            throw new BadInputException(name + ": mask is " + w + "x" + h + " but the frame is " + width + "x" + height);
        }
        byte[] ids = image.getColorModel() instanceof IndexColorModel
                ? paletteIds(image, name)
                : image.getColorModel().getNumColorComponents() == 1 ? grayIds(image, name) : colourIds(image, name);
        return new Mask(width, height, padToSize(ids, w, h, width, height));
    }

    private static byte[] paletteIds(BufferedImage image, String name) {
        int[] idx = band(image.getRaster(), 0);
        byte[] ids = new byte[idx.length];
        for (int i = 0; i < idx.length; i++) {
            ids[i] = (byte) idx[i];
        }
        return ids;
    }

    private static byte[] grayIds(BufferedImage image, String name) {
        int[] gray = band(image.getRaster(), 0);
        int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        boolean binary = true;
        for (int v : gray) {
            if (v != 0 && v != max) {
                binary = false;
                break;
            }
        }
        byte[] ids = new byte[gray.length];
        for (int i = 0; i < gray.length; i++) {
            int v = gray[i];
            if (binary) {
                ids[i] = (byte) (v == 0 ? 0 : 1);
            } else if (v > 255) {
                throw new BadInputException(name + ": gray value " + v + " at pixel " + i + " is not an object id (0..255)");
            } else {
                ids[i] = (byte) v;
            }
        }
        return ids;
    }

    private static byte[] colourIds(BufferedImage image, String name) {
        Raster raster = image.getRaster();
        int[] r = band(raster, 0), g = band(raster, 1), b = band(raster, 2);
        byte[] ids = new byte[r.length];
        boolean blackWhite = true;
        for (int i = 0; i < r.length; i++) {
            int c = r[i] << 16 | g[i] << 8 | b[i];
            if (c != 0 && c != 0xFFFFFF) {
                blackWhite = false;
                break;
            }
        }
        int lastColour = -1, lastId = 0;
        for (int i = 0; i < r.length; i++) {
            int c = r[i] << 16 | g[i] << 8 | b[i];
            if (blackWhite) {
                ids[i] = (byte) (c == 0 ? 0 : 1);
                continue;
            }
            if (c != lastColour) {
                lastId = DavisPalette.idOf(c);
                lastColour = c;
                if (lastId < 0) {
                    throw new BadInputException(name + ": colour " + String.format("#%06x", c) + " at pixel ("
                            + (i % image.getWidth()) + "," + (i / image.getWidth()) + ") is not in the DAVIS palette");
                }
            }
            ids[i] = (byte) lastId;
        }
        return ids;
    }

    /** Band {@code b} of every pixel, row-major; reads byte buffers directly because getSamples is slow. */
    private static int[] band(Raster raster, int b) {
        int w = raster.getWidth(), h = raster.getHeight();
        int[] out = new int[w * h];
        if (raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            byte[] data = db.getData();
            int stride = sm.getPixelStride(), scan = sm.getScanlineStride();
            int base = db.getOffset() + sm.getBandOffsets()[b];
            for (int y = 0, o = 0; y < h; y++) {
                for (int x = 0, p = base + y * scan; x < w; x++, p += stride) {
                    out[o++] = data[p] & 0xFF;
                }
            }
            return out;
        }
        return raster.getSamples(0, 0, w, h, b, out);
    }

    /** Replicates the last column/row when the mask is one pixel short (checked by the caller). */
    private static byte[] padToSize(byte[] ids, int w, int h, int width, int height) {
        if (w == width && h == height) {
            return ids;
        }
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int sy = Math.min(y, h - 1);
            System.arraycopy(ids, sy * w, out, y * width, w);
            if (width > w) {
                out[y * width + width - 1] = ids[sy * w + w - 1];
            }
        }
        return out;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] header = new byte[8];
        putInt(header, 0, length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(typeBytes, 0, header, 4, 4);
        out.write(header, 0, 8);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c, 0, 4);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}

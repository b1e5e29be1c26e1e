package dev.engram.snn.emulator;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reader of the MNIST IDX files (big-endian): images (magic 2051: count, rows, cols, then one unsigned
 * byte per pixel, row-major) and labels (magic 2049: count, then one byte per label). A wrong magic, an
 * implausible size or a file cut short raises an {@link IOException} naming the file.
 */
public final class MnistIdx {
    private MnistIdx() {}

    /** {@code count} images of {@code rows x cols} bytes, stored back to back in {@code pixels}. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        /** A copy of image {@code i}. */
        public byte[] image(int i) {
            int size = rows * cols;
            byte[] out = new byte[size];
            System.arraycopy(pixels, i * size, out, 0, size);
            return out;
        }
    }

    public static Images readImages(Path path) throws IOException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != 2051) throw new IOException(path + ": not an IDX image file (magic " + magic + ", expected 2051)");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096 || (long) count * rows * cols > Integer.MAX_VALUE - 16)
                throw new IOException(path + ": implausible IDX image header " + count + "x" + rows + "x" + cols);
            long need = 16L + (long) count * rows * cols;
            if (Files.size(path) < need) throw new IOException(path + ": cut short, " + Files.size(path) + " bytes, header says " + need);
            byte[] pixels = new byte[count * rows * cols];
            in.readFully(pixels);
            return new Images(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw new IOException(path + ": cut short", e);
        }
    }

    public static int[] readLabels(Path path) throws IOException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != 2049) throw new IOException(path + ": not an IDX label file (magic " + magic + ", expected 2049)");
            int count = in.readInt();
            if (count < 0 || count > Files.size(path) - 8) throw new IOException(path + ": implausible label count " + count);
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) labels[i] = raw[i] & 0xFF;
            return labels;
        } catch (EOFException e) {
            throw new IOException(path + ": cut short", e);
        }
    }

    private static DataInputStream open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        return new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }
}

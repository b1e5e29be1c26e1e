package dev.engram.tta.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Labelled 28x28 grey digits read from IDX files (images magic 2051, labels magic 2049, big-endian),
 * pixels scaled to [0, 1]. Failure: a missing file, a wrong magic number or a count mismatch between
 * images and labels is an {@link IOException} naming the file.
 */
public record MnistDigits(int width, int height, float[][] images, int[] labels) {
    public static final int CLASSES = 10;

    public int size() {
        return labels.length;
    }

    /** Reads {@code <split>-images-idx3-ubyte} and {@code <split>-labels-idx1-ubyte} from {@code dir}. */
    public static MnistDigits read(Path dir, String split) throws IOException {
        Path imageFile = dir.resolve(split + "-images-idx3-ubyte");
        Path labelFile = dir.resolve(split + "-labels-idx1-ubyte");
        int[] labels;
        try (DataInputStream in = open(labelFile)) {
            int magic = in.readInt();
            if (magic != 2049) throw new IOException(labelFile + ": label magic " + magic + ", expected 2049");
            labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
                if (labels[i] >= CLASSES) throw new IOException(labelFile + ": label " + labels[i] + " at " + i);
            }
        }
        try (DataInputStream in = open(imageFile)) {
            int magic = in.readInt();
            if (magic != 2051) throw new IOException(imageFile + ": image magic " + magic + ", expected 2051");
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n != labels.length) {
                throw new IOException(imageFile + ": " + n + " images but " + labels.length + " labels");
            }
            float[][] images = new float[n][rows * cols];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int p = 0; p < buf.length; p++) images[i][p] = (buf[p] & 0xFF) / 255f;
            }
            return new MnistDigits(cols, rows, images, labels);
        }
    }

    /** The first {@code n} digits (all if {@code n <= 0} or larger than the set). */
    public MnistDigits head(int n) {
        if (n <= 0 || n >= size()) return this;
        return new MnistDigits(width, height, java.util.Arrays.copyOf(images, n), java.util.Arrays.copyOf(labels, n));
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such IDX file");
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}

package dev.engram.snn.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Reads any serialized readout. Layout: magic {@code "RDOT"}, a type tag, the type's version, then
 * the type's body. Unknown tags, versions and implausible sizes raise {@link IOException}.
 */
public final class Readouts {
    static final int MAGIC = 0x52444F54;
    private static final int MAX_LENGTH = 1 << 26;

    private Readouts() {}

    /** Reads a {@link RidgeClassifier}, {@link LogisticRegression} or {@link PrototypeClassifier}. */
    public static Classifier read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) throw new IOException("not a readout (magic " + Integer.toHexString(magic) + ")");
        int tag = in.readInt();
        int version = in.readInt();
        return switch (tag) {
            case RidgeClassifier.TAG -> RidgeClassifier.readBody(in, version);
            case LogisticRegression.TAG -> LogisticRegression.readBody(in, version);
            case PrototypeClassifier.TAG -> PrototypeClassifier.readBody(in, version);
            default -> throw new IOException("unknown readout type " + tag);
        };
    }

    static void writeHeader(DataOutput out, int tag, int version) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(tag);
        out.writeInt(version);
    }

    static int checkedLength(int n, String what) throws IOException {
        if (n < 0 || n > MAX_LENGTH) throw new IOException("implausible " + what + ": " + n);
        return n;
    }

    static void writeVector(DataOutput out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) out.writeDouble(d);
    }

    static double[] readVector(DataInput in) throws IOException {
        double[] v = new double[checkedLength(in.readInt(), "vector length")];
        for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
        return v;
    }

    static void writeMatrix(DataOutput out, double[][] m) throws IOException {
        out.writeInt(m.length);
        out.writeInt(m.length == 0 ? 0 : m[0].length);
        for (double[] row : m) for (double d : row) out.writeDouble(d);
    }

    static double[][] readMatrix(DataInput in) throws IOException {
        int rows = checkedLength(in.readInt(), "matrix rows");
        int cols = checkedLength(in.readInt(), "matrix columns");
        if ((long) rows * cols > MAX_LENGTH) throw new IOException("implausible matrix " + rows + "x" + cols);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = in.readDouble();
        return m;
    }
}

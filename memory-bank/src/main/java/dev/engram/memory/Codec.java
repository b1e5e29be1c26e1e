package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Shared pieces of the versioned state formats; values are written as raw bits so restores are bit-exact. */
final class Codec {
    /** Guards reads of corrupt lengths against huge allocations (1 GiB of floats). */
    private static final int MAX_ARRAY = 1 << 28;

    private Codec() {}

    static void requireVersion(DataInput in, int supported, String what) throws IOException {
        readVersion(in, supported, supported, what);
    }

    /** Reads a format version and returns it; IOException unless it is within [oldest, newest]. */
    static int readVersion(DataInput in, int oldest, int newest, String what) throws IOException {
        int version = in.readInt();
        if (version < oldest || version > newest) {
            throw new IOException("unknown " + what + " format version " + version + " (this build reads "
                    + (oldest == newest ? "version " + newest : "versions " + oldest + " to " + newest) + ")");
        }
        return version;
    }

    static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        FloatBlocks.write(out, values);
    }

    static float[] readFloats(DataInput in, String what) throws IOException {
        int n = readLength(in, what);
        float[] values = new float[n];
        FloatBlocks.read(in, values);
        return values;
    }

    static void writeDoubles(DataOutput out, double[] values, int count) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < count; i++) out.writeLong(Double.doubleToRawLongBits(values[i]));
    }

    static double[] readDoubles(DataInput in, String what) throws IOException {
        int n = readLength(in, what);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = Double.longBitsToDouble(in.readLong());
        return values;
    }

    static int readLength(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ARRAY) throw new IOException("corrupt length " + n + " for " + what);
        return n;
    }
}

package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Float arrays to and from state streams in bulk. The bytes are exactly those of
 * {@code out.writeInt(Float.floatToRawIntBits(v))} per value (big-endian), so state written either way
 * reads either way; but a {@code DataOutputStream} over a byte array makes four synchronized calls per
 * {@code writeInt}, and learner state of megabytes is written at every checkpoint and copied on the
 * first access after it (Flink's copy-on-write heap state), so per-value calls cost whole frames.
 */
public final class FloatBlocks {
    /** Floats staged per write or read, so a large array never needs a second array of its size. */
    private static final int CHUNK = 16 * 1024;

    private FloatBlocks() {}

    /** Writes {@code count} values from {@code values[from]} on, without a length. */
    public static void write(DataOutput out, float[] values, int from, int count) throws IOException {
        if (count <= 0) return;
        byte[] bytes = new byte[4 * Math.min(count, CHUNK)];
        FloatBuffer view = ByteBuffer.wrap(bytes).asFloatBuffer();
        for (int done = 0; done < count; ) {
            int n = Math.min(CHUNK, count - done);
            view.clear();
            view.put(values, from + done, n);
            out.write(bytes, 0, 4 * n);
            done += n;
        }
    }

    /** Reads {@code count} values written by {@link #write} into {@code into[from]} on. */
    public static void read(DataInput in, float[] into, int from, int count) throws IOException {
        if (count <= 0) return;
        byte[] bytes = new byte[4 * Math.min(count, CHUNK)];
        FloatBuffer view = ByteBuffer.wrap(bytes).asFloatBuffer();
        for (int done = 0; done < count; ) {
            int n = Math.min(CHUNK, count - done);
            in.readFully(bytes, 0, 4 * n);
            view.clear();
            view.get(into, from + done, n);
            done += n;
        }
    }

    /** Writes all of {@code values}, without a length. */
    public static void write(DataOutput out, float[] values) throws IOException {
        write(out, values, 0, values.length);
    }

    /** Fills all of {@code into} from values written by {@link #write}. */
    public static void read(DataInput in, float[] into) throws IOException {
        read(in, into, 0, into.length);
    }
}

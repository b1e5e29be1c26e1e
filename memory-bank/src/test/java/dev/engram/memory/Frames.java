package dev.engram.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Builds test entries and snapshots. */
final class Frames {
    private Frames() {}

    /** An entry with {@code rows} samples of 2 dims whose features encode the frame index. */
    static MemoryEntry entry(long frame, boolean anchor, int rows, float... descriptor) {
        int dims = 2;
        float[] features = new float[rows * dims];
        float[] targets = new float[rows];
        for (int r = 0; r < rows; r++) {
            features[r * dims] = frame;
            features[r * dims + 1] = r;
            targets[r] = (frame + r) % 2;
        }
        return new MemoryEntry(frame, anchor, 1f, rows, dims, features, targets, descriptor);
    }

    static MemoryEntry entry(long frame, float... descriptor) {
        return entry(frame, false, 1, descriptor);
    }

    /** Bytes of an entry from {@link #entry(long, boolean, int, float...)}. */
    static long bytes(int rows, int descriptorLength) {
        return 4L * (rows * 3L + descriptorLength) + MemoryEntry.OVERHEAD_BYTES;
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] snapshot(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        }
        return bytes.toByteArray();
    }

    static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** A snapshot whose leading format version int is replaced by {@code version}. */
    static byte[] withVersion(byte[] snapshot, int version) {
        byte[] copy = snapshot.clone();
        copy[0] = (byte) (version >>> 24);
        copy[1] = (byte) (version >>> 16);
        copy[2] = (byte) (version >>> 8);
        copy[3] = (byte) version;
        return copy;
    }
}

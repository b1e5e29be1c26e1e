package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One frame kept in a {@link FrameMemory}: pixel features sampled from the frame with their training
 * targets, plus a frame-level descriptor that {@link RmsclPolicy} reconstructs queries from.
 *
 * <p>Immutable: the constructor copies the arrays and accessors never expose the internal ones.
 * {@code features} is {@code rows × dims} row-major, {@code targets} holds one label per row, and the
 * descriptor may have any length, but all entries of one memory must share {@code dims} and the
 * descriptor length. An anchor (ground-truth frame) is never evicted by any policy.
 *
 * <p>Failure behaviour: the constructor throws {@link IllegalArgumentException} naming the offending
 * argument when a length does not match or an array holds NaN or an infinity.
 */
public final class MemoryEntry {
    /** Serialized format version written first by {@link #write}. */
    public static final int FORMAT_VERSION = 1;
    /**
     * Fixed bytes charged per entry on top of the array payload: object headers, array headers and the
     * scalar fields, rounded up so budgets stay conservative.
     */
    public static final long OVERHEAD_BYTES = 64;

    private final long frameIndex;
    private final boolean anchor;
    private final float confidence;
    private final int rows;
    private final int dims;
    private final float[] features;
    private final float[] targets;
    private final float[] descriptor;

    public MemoryEntry(long frameIndex, boolean anchor, float confidence, int rows, int dims,
            float[] features, float[] targets, float[] descriptor) {
        if (frameIndex < 0) throw new IllegalArgumentException("frameIndex must be >= 0, got " + frameIndex);
        if (!Float.isFinite(confidence)) {
            throw new IllegalArgumentException("confidence must be finite, got " + confidence);
        }
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (dims < 1) throw new IllegalArgumentException("dims must be >= 1, got " + dims);
        if (features == null || targets == null || descriptor == null) {
            throw new IllegalArgumentException("features, targets and descriptor must not be null");
        }
        long expected = (long) rows * dims;
        if (features.length != expected) {
            throw new IllegalArgumentException("features has " + features.length + " values but rows x dims = "
                    + rows + " x " + dims + " = " + expected);
        }
        if (targets.length != rows) {
            throw new IllegalArgumentException("targets has " + targets.length + " values but rows = " + rows);
        }
        requireFinite("features", features);
        requireFinite("targets", targets);
        requireFinite("descriptor", descriptor);
        this.frameIndex = frameIndex;
        this.anchor = anchor;
        this.confidence = confidence;
        this.rows = rows;
        this.dims = dims;
        this.features = features.clone();
        this.targets = targets.clone();
        this.descriptor = descriptor.clone();
    }

    static void requireFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; only finite values are allowed");
            }
        }
    }

    public long frameIndex() { return frameIndex; }
    public boolean anchor() { return anchor; }
    public float confidence() { return confidence; }
    public int rows() { return rows; }
    public int dims() { return dims; }
    public int descriptorLength() { return descriptor.length; }

    /** A copy of the {@code rows × dims} row-major features. */
    public float[] features() { return features.clone(); }
    /** A copy of the {@code rows} targets. */
    public float[] targets() { return targets.clone(); }
    /** A copy of the frame descriptor. */
    public float[] descriptor() { return descriptor.clone(); }

    /** Read-only view of the features, for training loops that must not copy every update. */
    public FloatBuffer featuresView() { return FloatBuffer.wrap(features).asReadOnlyBuffer(); }
    /** Read-only view of the targets. */
    public FloatBuffer targetsView() { return FloatBuffer.wrap(targets).asReadOnlyBuffer(); }

    public float feature(int row, int dim) {
        if (row < 0 || row >= rows || dim < 0 || dim >= dims) {
            throw new IndexOutOfBoundsException("(" + row + ", " + dim + ") outside " + rows + " x " + dims);
        }
        return features[row * dims + dim];
    }

    public float target(int row) { return targets[row]; }

    /** The descriptor without a copy; callers inside the package must not modify it. */
    float[] descriptorArray() { return descriptor; }

    /** Measured payload: 4 bytes per stored float plus {@link #OVERHEAD_BYTES}. */
    public long bytes() {
        return 4L * (features.length + targets.length + descriptor.length) + OVERHEAD_BYTES;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(frameIndex);
        out.writeBoolean(anchor);
        out.writeFloat(confidence);
        out.writeInt(rows);
        out.writeInt(dims);
        Codec.writeFloats(out, features);
        Codec.writeFloats(out, targets);
        Codec.writeFloats(out, descriptor);
    }

    /** Reads an entry written by {@link #write}; IOException on an unknown version or corrupt data. */
    public static MemoryEntry read(DataInput in) throws IOException {
        Codec.requireVersion(in, FORMAT_VERSION, "MemoryEntry");
        long frameIndex = in.readLong();
        boolean anchor = in.readBoolean();
        float confidence = in.readFloat();
        int rows = in.readInt();
        int dims = in.readInt();
        float[] features = Codec.readFloats(in, "features");
        float[] targets = Codec.readFloats(in, "targets");
        float[] descriptor = Codec.readFloats(in, "descriptor");
        try {
            return new MemoryEntry(frameIndex, anchor, confidence, rows, dims, features, targets, descriptor);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt MemoryEntry: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MemoryEntry e)) return false;
        return frameIndex == e.frameIndex && anchor == e.anchor
                && Float.floatToIntBits(confidence) == Float.floatToIntBits(e.confidence)
                && rows == e.rows && dims == e.dims && Arrays.equals(features, e.features)
                && Arrays.equals(targets, e.targets) && Arrays.equals(descriptor, e.descriptor);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(frameIndex);
        h = 31 * h + Boolean.hashCode(anchor);
        h = 31 * h + Arrays.hashCode(features);
        h = 31 * h + Arrays.hashCode(targets);
        return 31 * h + Arrays.hashCode(descriptor);
    }

    @Override
    public String toString() {
        return "MemoryEntry{frame=" + frameIndex + (anchor ? ", anchor" : "") + ", rows=" + rows + ", dims=" + dims
                + ", descriptor=" + descriptor.length + ", bytes=" + bytes() + "}";
    }
}

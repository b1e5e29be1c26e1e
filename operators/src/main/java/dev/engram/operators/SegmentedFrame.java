package dev.engram.operators;

import dev.engram.vos.Mask;

/**
 * The result of segmenting one frame: the object-id mask plus figures about the stream's learner
 * after the frame; or, with {@link #endOfStream}, the marker that the stream has ended. Carries the frame's pixels only when the operator was asked to keep them (for
 * overlays), and the ground truth only when the source had one.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class SegmentedFrame {
    public String streamId;
    public long index;
    public long timestampMs;
    public int width;
    public int height;
    /** Object id per pixel, row-major, 0 = background. */
    public byte[] mask;
    /** Ground-truth ids for scoring, or null. */
    public byte[] groundTruth;
    /** Interleaved RGB pixels of the input frame, or null unless pixels are kept. */
    public byte[] rgb;
    /** Bytes of the stream's whole learner state after this frame. */
    public long memoryBytes;
    /** Bytes of its frame memories alone (a part of {@link #memoryBytes}). */
    public long bankBytes;
    public long budgetBytes;
    public int bankEntries;
    public long updates;
    public double lastLoss;
    /** Wall-clock nanoseconds the segmenter spent on this frame. */
    public long processingNanos;
    /** CPU nanoseconds of the segmenting thread on this frame (the segmenter runs OpenCV single-threaded). */
    public long processingCpuNanos;

    /** J per object id 1..n of the ground truth, once {@link FrameScoring} scored the frame; else null. */
    public double[] objectJ;
    /** F (boundary) per object id 1..n of the ground truth, once scored; else null. */
    public double[] objectF;
    /** Heap used after a full GC right after this frame, when a benchmark sampled it; else 0. */
    public long heapAfterGcBytes;
    /** Set on the marker that the stream has ended; such a frame carries no mask. */
    public boolean endOfStream;

    public SegmentedFrame() {}

    /** The end-of-stream marker of {@code streamId}. */
    public static SegmentedFrame end(String streamId) {
        SegmentedFrame f = new SegmentedFrame();
        f.streamId = streamId;
        f.index = -1;
        f.endOfStream = true;
        return f;
    }

    public Mask maskAsMask() {
        return new Mask(width, height, mask);
    }

    /** The ground truth as a mask, or null. */
    public Mask groundTruthAsMask() {
        return groundTruth == null ? null : new Mask(width, height, groundTruth);
    }

    @Override
    public String toString() {
        return "SegmentedFrame{" + streamId + "#" + index + ", " + width + "x" + height + ", bank=" + memoryBytes
                + "/" + budgetBytes + "B}";
    }
}

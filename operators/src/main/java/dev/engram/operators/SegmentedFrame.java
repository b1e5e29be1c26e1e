package dev.engram.operators;

import dev.engram.vos.Mask;

/**
 * The result of segmenting one frame: the object-id mask plus figures about the stream's learner
 * after the frame. Carries the frame's pixels only when the operator was asked to keep them (for
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
    public long memoryBytes;
    public long budgetBytes;
    public int bankEntries;
    public long updates;
    public double lastLoss;
    /** Wall-clock nanoseconds the segmenter spent on this frame. */
    public long processingNanos;
    /** CPU nanoseconds of the segmenting thread on this frame (the segmenter runs OpenCV single-threaded). */
    public long processingCpuNanos;

    public SegmentedFrame() {}

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

package dev.engram.operators;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;

/**
 * A camera frame on its way to the segmentation operator, optionally with the ground-truth mask of
 * the whole frame for scoring. The ground truth is only passed through to {@link SegmentedFrame};
 * the segmenter never sees it (it learns only from {@link Frame#annotation}).
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class LabeledFrame {
    public Frame frame;
    /** Ground truth of every object at this frame, or null when the source has none. */
    public Mask groundTruth;

    public LabeledFrame() {}

    public LabeledFrame(Frame frame, Mask groundTruth) {
        this.frame = frame;
        this.groundTruth = groundTruth;
    }

    public static LabeledFrame of(Frame frame) {
        return new LabeledFrame(frame, null);
    }

    /** The stream the frame belongs to; the key of the segmentation operator. */
    public String streamId() {
        return frame == null ? null : frame.streamId;
    }

    @Override
    public String toString() {
        return "LabeledFrame{" + frame + (groundTruth != null ? ", gt" : "") + "}";
    }
}

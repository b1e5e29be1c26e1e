package dev.engram.operators;

import dev.engram.vos.Mask;

/**
 * A frame, or the mask of a frame that travels separately from it (a live source's or a Kafka
 * topic's {@code MASK} record): object ids that start or add objects at frame {@link #maskFrame}.
 * {@link AnnotationJoin} puts each mask onto its frame.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class FrameOrMask {
    public LabeledFrame frame;
    public Mask mask;
    public long maskFrame = -1;
    /**
     * Where the record came from, with its original bytes, as the dead letter it becomes if
     * {@link AnnotationJoin} refuses it (reason unset); null when the source keeps no bytes.
     */
    public DeadLetter provenance;

    public FrameOrMask() {}

    public static FrameOrMask of(LabeledFrame frame) {
        FrameOrMask f = new FrameOrMask();
        f.frame = frame;
        return f;
    }

    public static FrameOrMask mask(long frameIndex, Mask mask) {
        FrameOrMask f = new FrameOrMask();
        f.mask = mask;
        f.maskFrame = frameIndex;
        return f;
    }

    /** Records where this came from (a dead letter without its reason yet). */
    public FrameOrMask from(DeadLetter provenance) {
        this.provenance = provenance;
        return this;
    }

    @Override
    public String toString() {
        return frame != null ? "FrameOrMask{" + frame + "}" : "FrameOrMask{mask for #" + maskFrame + "}";
    }
}

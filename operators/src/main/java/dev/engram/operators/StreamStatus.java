package dev.engram.operators;

/**
 * What the segmentation operator remembers about a stream besides its learner: the frame size
 * fixed by the first annotation, and whether the learner has failed for good.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo and savepoints can evolve it.
 */
public class StreamStatus {
    public int width;
    public int height;
    /** Index of the frame on which the learner failed irrecoverably, or -1. */
    public long failedAt = -1;
    /** Why the learner failed, or null. */
    public String failure;

    public StreamStatus() {}

    public boolean failed() {
        return failedAt >= 0;
    }
}

package dev.engram.vos;

import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-stream learner of online video object segmentation. Feed it the frames of one stream in
 * order; a frame's {@link Frame#annotation} introduces the objects it contains (the first frame, or
 * objects appearing later). Not thread-safe: one instance per stream.
 *
 * <p>Its learning memory stays within the configured budget however long the stream runs; the
 * state written by {@link #writeState} restores (through {@link OnlineSegmenter#readState}) to a
 * learner that produces bit-identical masks from then on.
 */
public interface Segmenter {
    /**
     * Segments one frame and learns from it, computing with the native parts {@code resources} lends
     * (flow, backbone); the learner keeps none of them.
     *
     * @return an object-id mask the size of the frame
     * @throws IllegalArgumentException naming the frame when its size disagrees with the stream or
     *     when no object has been annotated yet
     */
    Mask segment(Frame frame, SegmenterResources resources);

    /** Bytes held by the learning memory (frame bank plus GRCL states), measured from the arrays. */
    long memoryBytes();

    /** The byte budget {@link #memoryBytes()} never exceeds. */
    long memoryBudgetBytes();

    /** Figures about the last frame: loss, entries, updates; for metrics and dashboards. */
    SegmenterStats stats();

    /** Serializes the complete learner state (options included), versioned. */
    void writeState(DataOutput out) throws IOException;
}

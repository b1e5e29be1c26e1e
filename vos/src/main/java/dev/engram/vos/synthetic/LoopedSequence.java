package dev.engram.vos.synthetic;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a finite annotated sequence forward then backward, forever: source frames
 * 0, 1, …, N-1, N-2, …, 1, 0, 1, … (period 2N-2; a one-frame sequence repeats that frame), so a
 * long-stream benchmark has ground truth for every frame. Random access: {@link #frame(long)} and
 * {@link #groundTruth(long)} depend only on the index.
 *
 * <p>Frames returned are fresh copies (pixels copied) with the requested index, the given stream id,
 * {@code timestampMs = index * periodMs}, and origin {@code "<source origin> (looped, source frame k)"};
 * only index 0 carries an annotation (the ground truth of source frame 0). Every source frame needs a
 * ground-truth mask of its own size; the constructor throws {@link IllegalArgumentException} naming
 * the frame otherwise, or when the lists are empty or differ in length.
 */
public final class LoopedSequence {
    private final String streamId;
    private final List<Frame> frames;
    private final List<Mask> masks;
    private final long periodMs;

    public LoopedSequence(String streamId, List<Frame> frames, List<Mask> groundTruth, long periodMs) {
        if (frames.isEmpty() || frames.size() != groundTruth.size()) {
            throw new IllegalArgumentException("looped sequence needs as many ground-truth masks as frames (at least one), got "
                    + frames.size() + " frames and " + groundTruth.size() + " masks");
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            Mask m = groundTruth.get(i);
            if (m == null || m.width != f.width || m.height != f.height) {
                throw new IllegalArgumentException(f.describe() + ": source frame " + i + " has "
                        + (m == null ? "no ground truth" : "a " + m.width + "x" + m.height + " mask for a "
                        + f.width + "x" + f.height + " frame"));
            }
        }
        this.streamId = streamId;
        this.frames = new ArrayList<>(frames);
        this.masks = new ArrayList<>(groundTruth);
        this.periodMs = periodMs;
    }

    /** Number of source frames N. */
    public int sourceLength() {
        return frames.size();
    }

    /** The source frame shown at stream position {@code index} (≥ 0). */
    public int sourceIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        int n = frames.size();
        if (n == 1) {
            return 0;
        }
        long period = 2L * n - 2;
        int p = (int) (index % period);
        return p < n ? p : (int) (period - p);
    }

    public Frame frame(long index) {
        int k = sourceIndex(index);
        Frame src = frames.get(k);
        Frame f = new Frame(streamId, index, src.width, src.height, src.rgb.clone());
        f.timestampMs = index * periodMs;
        f.origin = (src.origin == null ? src.describe() : src.origin) + " (looped, source frame " + k + ")";
        if (index == 0) {
            f.annotation = copy(masks.get(0));
        }
        return f;
    }

    /** A copy of the ground truth at stream position {@code index}. */
    public Mask groundTruth(long index) {
        return copy(masks.get(sourceIndex(index)));
    }

    private static Mask copy(Mask m) {
        return new Mask(m.width, m.height, m.ids.clone());
    }
}

package dev.engram.jobs;

import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.eval.DavisMetrics;

/**
 * Per-frame figures of a benchmark run: segmenter time, learner bytes and the frame's J and F
 * (means over objects 1..max id of its ground truth; NaN without ground truth).
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class FrameScore {
    public String streamId;
    public long index;
    public long processingNanos;
    public long processingCpuNanos;
    public long memoryBytes;
    public long budgetBytes;
    public double j = Double.NaN;
    public double f = Double.NaN;
    /** Heap used after a full GC, sampled right after this frame, or -1 when not sampled. */
    public long heapAfterGcBytes = -1;

    public FrameScore() {}

    public static FrameScore of(SegmentedFrame r) {
        FrameScore s = new FrameScore();
        s.streamId = r.streamId;
        s.index = r.index;
        s.processingNanos = r.processingNanos;
        s.processingCpuNanos = r.processingCpuNanos;
        s.memoryBytes = r.memoryBytes;
        s.budgetBytes = r.budgetBytes;
        if (r.groundTruth != null) {
            int max = 0;
            for (byte b : r.groundTruth) if ((b & 0xFF) != 255) max = Math.max(max, b & 0xFF);
            double j = 0, f = 0;
            for (int id = 1; id <= max; id++) {
                boolean[] gt = binary(r.groundTruth, id), pred = binary(r.mask, id);
                j += DavisMetrics.jaccard(gt, pred, r.width, r.height);
                f += DavisMetrics.boundaryF(gt, pred, r.width, r.height);
            }
            if (max > 0) {
                s.j = j / max;
                s.f = f / max;
            }
        }
        return s;
    }

    private static boolean[] binary(byte[] ids, int id) {
        boolean[] out = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = (ids[i] & 0xFF) == id;
        return out;
    }
}

package dev.engram.operators;

import dev.engram.vos.eval.DavisMetrics;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Scores each segmented frame that carries ground truth: J (region) and F (boundary) per object,
 * ids 1..max id of the ground truth (255 = void), attached to the frame once so the summaries and
 * the per-frame output both use them. Optionally samples the heap after a full GC on chosen frames
 * ({@link SegmentedFrame#heapAfterGcBytes}; benchmarks use it while the learner is alive). Frames
 * without ground truth, and end markers, pass unchanged.
 */
public final class FrameScoring implements MapFunction<SegmentedFrame, SegmentedFrame> {
    private static final long serialVersionUID = 1L;

    private final long[] heapSamples;

    public FrameScoring() {
        this(new long[0]);
    }

    /** Also samples the heap right after the frames with these indices. */
    public FrameScoring(long... heapSampleIndices) {
        this.heapSamples = heapSampleIndices.clone();
    }

    @Override
    public SegmentedFrame map(SegmentedFrame f) {
        if (f.endOfStream) return f;
        if (f.groundTruth != null && f.objectJ == null) score(f);
        for (long i : heapSamples) {
            if (f.index == i) {
                System.gc();
                Runtime rt = Runtime.getRuntime();
                f.heapAfterGcBytes = rt.totalMemory() - rt.freeMemory();
            }
        }
        return f;
    }

    /** Fills {@link SegmentedFrame#objectJ} and {@link SegmentedFrame#objectF}. */
    public static void score(SegmentedFrame f) {
        int max = 0;
        for (byte b : f.groundTruth) {
            int id = b & 0xFF;
            if (id != 255 && id > max) max = id;
        }
        f.objectJ = new double[max];
        f.objectF = new double[max];
        boolean[] gt = new boolean[f.groundTruth.length], pred = new boolean[f.mask.length];
        for (int id = 1; id <= max; id++) {
            byte b = (byte) id;
            for (int i = 0; i < gt.length; i++) {
                gt[i] = f.groundTruth[i] == b;
                pred[i] = f.mask[i] == b;
            }
            f.objectJ[id - 1] = DavisMetrics.jaccard(gt, pred, f.width, f.height);
            f.objectF[id - 1] = DavisMetrics.boundaryF(gt, pred, f.width, f.height);
        }
    }
}

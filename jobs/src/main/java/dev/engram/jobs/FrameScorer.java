package dev.engram.jobs;

import dev.engram.operators.SegmentedFrame;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns segmented frames into {@link FrameScore}s and, on two chosen frames, samples the heap after
 * a full GC ({@link FrameScore#heapAfterGcBytes}). Sampling happens inside the job, chained to the
 * segmentation operator, so the learner state it is meant to weigh is still alive; on the local
 * MiniCluster this is the whole process heap, on a remote cluster the TaskManager's.
 */
public final class FrameScorer extends RichMapFunction<SegmentedFrame, FrameScore> {
    private static final long serialVersionUID = 1L;

    private final long firstSample;
    private final long lastSample;

    /** Samples the heap after frames {@code firstSample} and {@code lastSample} (stream indices). */
    public FrameScorer(long firstSample, long lastSample) {
        this.firstSample = firstSample;
        this.lastSample = lastSample;
    }

    @Override
    public FrameScore map(SegmentedFrame r) {
        FrameScore s = FrameScore.of(r);
        if (r.index == firstSample || r.index == lastSample) s.heapAfterGcBytes = heapAfterGc();
        return s;
    }

    /** Used heap after {@code System.gc()} (a full collection on the JVM's default collectors). */
    public static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

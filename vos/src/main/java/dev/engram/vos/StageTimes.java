package dev.engram.vos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the segmenting thread a {@link OnlineSegmenter} spent per stage, summed over the
 * frames it segmented since it was made or restored (not learner state: a restored learner starts
 * from zero). CPU time rather than wall time, so a profile taken on a shared machine is not the
 * machine's load: every stage runs on the calling thread (OpenCV and ONNX Runtime are pinned to it). Stages: built-in
 * features, backbone, flow, anchor flow (and blend), target model (scoring and recovery), update
 * (learning), refinement (upsampling, edge snapping, composing the mask).
 */
public final class StageTimes {
    public enum Stage { FEATURES, BACKBONE, FLOW, ANCHOR_FLOW, TARGET_MODEL, UPDATE, REFINEMENT }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final long[] nanos = new long[Stage.values().length];

    /** The clock stages are measured with: the calling thread's CPU time in nanoseconds (wall time where the JVM has none). */
    public static long clock() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
    private long frames;

    void add(Stage stage, long n) {
        nanos[stage.ordinal()] += n;
    }

    void frame() {
        frames++;
    }

    public long frames() {
        return frames;
    }

    /** CPU milliseconds per frame for each stage, in stage order. */
    public Map<Stage, Double> millisPerFrame() {
        Map<Stage, Double> out = new LinkedHashMap<>();
        for (Stage s : Stage.values()) out.put(s, frames == 0 ? 0 : nanos[s.ordinal()] / 1e6 / frames);
        return out;
    }
}

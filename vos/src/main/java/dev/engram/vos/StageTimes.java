package dev.engram.vos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time a {@link OnlineSegmenter} spent per stage, summed over the frames it segmented since it
 * was made or restored (not learner state: a restored learner starts from zero). Stages: built-in
 * features, backbone, flow, anchor flow (and blend), target model (scoring and recovery), update
 * (learning), refinement (upsampling, edge snapping, composing the mask).
 */
public final class StageTimes {
    public enum Stage { FEATURES, BACKBONE, FLOW, ANCHOR_FLOW, TARGET_MODEL, UPDATE, REFINEMENT }

    private final long[] nanos = new long[Stage.values().length];
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

    /** Milliseconds per frame for each stage, in stage order. */
    public Map<Stage, Double> millisPerFrame() {
        Map<Stage, Double> out = new LinkedHashMap<>();
        for (Stage s : Stage.values()) out.put(s, frames == 0 ? 0 : nanos[s.ordinal()] / 1e6 / frames);
        return out;
    }
}

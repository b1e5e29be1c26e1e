package dev.engram.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Per-frame figures of a benchmark run, read from a committed {@code frames/<stream>.jsonl} line:
 * segmenter time, learner bytes and the frame's J and F (means over the objects of its ground truth;
 * NaN without ground truth).
 */
public final class FrameScore {
    public long index;
    public long processingNanos;
    public long processingCpuNanos;
    public long memoryBytes;
    public long budgetBytes;
    public double j = Double.NaN;
    public double f = Double.NaN;
    /** Heap used after a full GC, sampled right after this frame, or -1 when not sampled. */
    public long heapAfterGcBytes = -1;

    /** The figures of one per-frame output line. */
    public static FrameScore of(JsonNode line) {
        FrameScore s = new FrameScore();
        s.index = line.path("index").asLong();
        s.processingNanos = Math.round(line.path("processingMs").asDouble() * 1e6);
        s.processingCpuNanos = Math.round(line.path("processingCpuMs").asDouble() * 1e6);
        s.memoryBytes = line.path("learnerBytes").asLong();
        s.budgetBytes = line.path("budgetBytes").asLong();
        s.j = mean(line.get("J"));
        s.f = mean(line.get("F"));
        if (line.has("heapAfterGcBytes")) s.heapAfterGcBytes = line.path("heapAfterGcBytes").asLong();
        return s;
    }

    private static double mean(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) return Double.NaN;
        double sum = 0;
        for (JsonNode v : values) sum += v.asDouble();
        return sum / values.size();
    }
}

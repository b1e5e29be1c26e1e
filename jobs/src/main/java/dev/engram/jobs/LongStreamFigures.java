package dev.engram.jobs;

import java.util.Arrays;
import java.util.List;

/**
 * Figures of one long-stream benchmark run: throughput, memory against budget, whether time per
 * frame and heap stay flat, and accuracy on the first and the last loop of a looped sequence.
 *
 * @param timeRatio median segmenter time of the last W frames / the first W (W = 1000, or N/2 when
 *     N < 2000)
 * @param heapRatio heap used after GC at the end / after the first W frames
 */
public record LongStreamFigures(long frames, double fps, long budgetBytes, long bankBytesMax, double timeRatio,
                                double heapRatio, double jfFirstLoop, double jfLastLoop) {

    /** Window W of the time ratio for a run of {@code frames}. */
    public static int window(long frames) {
        return (int) (frames >= 2000 ? 1000 : Math.max(1, frames / 2));
    }

    public static LongStreamFigures of(List<FrameScore> scores, double wallSeconds, long heapEarly, long heapEnd,
            int loopPeriod) {
        int n = scores.size();
        int w = window(n);
        long[] nanos = scores.stream().mapToLong(s -> s.processingNanos).toArray();
        double timeRatio = median(Arrays.copyOfRange(nanos, n - w, n)) / median(Arrays.copyOfRange(nanos, 0, w));
        long budget = scores.isEmpty() ? 0 : scores.get(n - 1).budgetBytes;
        long bankMax = scores.stream().mapToLong(s -> s.memoryBytes).max().orElse(0);
        int loops = Math.max(1, n / loopPeriod);
        int lastStart = (loops - 1) * loopPeriod;
        double first = jf(scores, 1, Math.min(n, loopPeriod));
        double last = jf(scores, Math.max(1, lastStart), Math.min(n, lastStart + loopPeriod));
        return new LongStreamFigures(n, n / wallSeconds, budget, bankMax, timeRatio,
                heapEarly > 0 ? (double) heapEnd / heapEarly : Double.NaN, first, last);
    }

    private static double jf(List<FrameScore> scores, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            FrameScore s = scores.get(i);
            if (Double.isFinite(s.j) && Double.isFinite(s.f)) {
                sum += (s.j + s.f) / 2;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }
}

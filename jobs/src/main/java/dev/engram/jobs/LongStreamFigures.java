package dev.engram.jobs;

import java.util.Arrays;
import java.util.List;

/**
 * Figures of one long-stream benchmark run: throughput, memory against budget, whether time per
 * frame and heap stay flat, and accuracy on the first and the last complete loop of a looped
 * sequence.
 *
 * @param fps frames per second of wall-clock time, from the first result to the last (includes
 *     per-frame scoring and the two heap samples)
 * @param segmenterFps frames per second of segmenter time only
 * @param timeRatio median segmenter time of the last W frames / the first W (W = {@link #window})
 * @param cpuTimeRatio the same ratio for the segmenting thread's CPU time, which load from other
 *     processes on a shared machine does not inflate
 * @param heapFirstBytes heap used after a full GC, sampled in the job right after frame W-1
 * @param heapLastBytes the same, right after the last frame (learner state still alive)
 * @param heapRatio {@code heapLastBytes / heapFirstBytes}
 * @param loops complete loops of the sequence in the stream (J&F of a partial last loop is not used)
 * @param jfFirstLoop mean per-frame J&F over frames 1..P-1 (frame 0 is the annotation; P = loop period)
 * @param jfLastLoop mean per-frame J&F over the last complete loop (equals the first when loops = 1)
 * @param bankCurve {@code [frame, bankBytes]} after 10 evenly spaced frames, the last one included,
 *     so growth (or its absence) is visible
 * @param cpuCurve {@code [frame, nanos]}: the median segmenting-thread CPU time per frame of each tenth
 *     of the stream, ending at that frame, so where the time per frame moves (a memory filling up, the
 *     object lost and searched for) is visible beside the first/last ratio
 */
public record LongStreamFigures(long frames, double fps, double segmenterFps, long budgetBytes, long bankBytesMax,
                                double timeRatio, long heapFirstBytes, long heapLastBytes, double heapRatio, long loops,
                                double jfFirstLoop, double jfLastLoop, long[][] bankCurve, double cpuTimeRatio,
                                long[][] cpuCurve) {

    /** Window W of the time and heap ratios for a run of {@code frames}: 1000, or N/2 when N < 2000. */
    public static int window(long frames) {
        return (int) (frames >= 2000 ? 1000 : Math.max(1, frames / 2));
    }

    /** Figures from the scores of every frame, sorted by index 0..N-1. */
    public static LongStreamFigures of(List<FrameScore> scores, double wallSeconds, int loopPeriod) {
        int n = scores.size();
        if (n == 0) throw new IllegalArgumentException("no frames were segmented");
        int w = window(n);
        long[] nanos = scores.stream().mapToLong(s -> s.processingNanos).toArray();
        double timeRatio = median(Arrays.copyOfRange(nanos, n - w, n)) / median(Arrays.copyOfRange(nanos, 0, w));
        double segmenterFps = n / Math.max(1e-9, Arrays.stream(nanos).sum() / 1e9);
        long[] cpu = scores.stream().mapToLong(s -> s.processingCpuNanos).toArray();
        double cpuTimeRatio = median(Arrays.copyOfRange(cpu, n - w, n)) / Math.max(1, median(Arrays.copyOfRange(cpu, 0, w)));
        long budget = scores.get(n - 1).budgetBytes;
        long bankMax = scores.stream().mapToLong(s -> s.memoryBytes).max().orElse(0);
        long heapFirst = scores.get(w - 1).heapAfterGcBytes, heapLast = scores.get(n - 1).heapAfterGcBytes;
        int loops = Math.max(1, n / loopPeriod);
        int lastStart = (loops - 1) * loopPeriod;
        double first = jf(scores, 1, Math.min(n, loopPeriod));
        double last = jf(scores, Math.max(1, lastStart), Math.min(n, lastStart + loopPeriod));
        int points = Math.min(10, n);
        long[][] curve = new long[points][];
        for (int k = 1; k <= points; k++) {
            FrameScore s = scores.get((int) ((long) k * n / points) - 1);
            curve[k - 1] = new long[] {s.index, s.memoryBytes};
        }
        long[][] cpuCurve = new long[points][];
        for (int k = 1, from = 0; k <= points; k++) {
            int to = (int) ((long) k * n / points);
            cpuCurve[k - 1] = new long[] {scores.get(to - 1).index, Math.round(median(Arrays.copyOfRange(cpu, from, to)))};
            from = to;
        }
        return new LongStreamFigures(n, n / wallSeconds, segmenterFps, budget, bankMax, timeRatio, heapFirst, heapLast,
                heapFirst > 0 && heapLast > 0 ? (double) heapLast / heapFirst : Double.NaN, n / loopPeriod, first, last,
                curve, cpuTimeRatio, cpuCurve);
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

package dev.engram.tta.adapt;

import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;

/**
 * Wraps an adapter and resets it to its source state when its predictions look collapsed (RDumb,
 * Press et al. 2023: long adaptation often ends worse than none). Signals, as exponential moving
 * averages over batches: the largest class share of the predictions (collapse piles predictions onto
 * few classes) and the mean prediction entropy (collapse drives it to zero). After a reset the
 * statistics restart and the guard waits {@code warmupBatches} before judging again. A step whose mean
 * entropy is not finite (the adapted parameters diverged to NaN or infinity) is reset at once,
 * without waiting for the grace period: {@link #resets()} counts every reset, {@link #collapses()}
 * only those judged from the signals.
 *
 * <p>Its statistics and reset count are part of {@link #state()}, so a restored stream judges as the
 * uninterrupted one would.
 */
public final class CollapseGuard implements Adapter {
    public record Config(double maxClassShare, double minEntropy, double smoothing, int warmupBatches) implements java.io.Serializable {
        /**
         * Share 0.35 and entropy 0.02 nats sit between healthy runs (smoothed share at most 0.34, entropy
         * at least 0.048 even at 20x the default learning rate) and collapsed ones (share 0.66-1.0); a
         * 3-batch grace lets a fast-collapsing adapter be judged before it ruins many batches.
         */
        public static Config defaults() {
            return new Config(0.35, 0.02, 0.1, 3);
        }

        /** Watches and reports the signals but never resets (thresholds out of reach). */
        public static Config monitorOnly() {
            return new Config(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 10);
        }
    }

    /**
     * The extremes of the smoothed signals over every judged batch (after each warm-up), for judging
     * the thresholds: how close the run came to a reset. Diagnostics of this instance, not checkpointed.
     */
    public record Signals(double peakClassShare, double lowestEntropy) {}

    private final Adapter inner;
    private final Config config;
    private final int classes;
    private double shareAverage;
    private double entropyAverage;
    private double[] classShares;
    private long batchesSinceReset;
    private long resets;
    private long collapses;
    private double peakShare = Double.NaN;
    private double lowestEntropy = Double.NaN;

    public CollapseGuard(Adapter inner, Config config, int classes) {
        this.inner = inner;
        this.config = config;
        this.classes = classes;
        this.classShares = new double[classes];
    }

    @Override
    public Method method() {
        return inner.method();
    }

    @Override
    public Step step(float[] pixels, int count) {
        Step s = inner.step(pixels, count);
        double a = config.smoothing();
        int[] counts = new int[classes];
        for (int p : s.predictions()) counts[p]++;
        double maxShare = 0;
        for (int c = 0; c < classes; c++) {
            double share = counts[c] / (double) s.predictions().length;
            classShares[c] = batchesSinceReset == 0 ? share : (1 - a) * classShares[c] + a * share;
            maxShare = Math.max(maxShare, classShares[c]);
        }
        shareAverage = maxShare;
        entropyAverage = batchesSinceReset == 0 ? s.meanEntropy() : (1 - a) * entropyAverage + a * s.meanEntropy();
        batchesSinceReset++;
        boolean judged = batchesSinceReset >= config.warmupBatches();
        if (judged) {
            peakShare = Double.isNaN(peakShare) ? shareAverage : Math.max(peakShare, shareAverage);
            lowestEntropy = Double.isNaN(lowestEntropy) ? entropyAverage : Math.min(lowestEntropy, entropyAverage);
        }
        boolean diverged = !Double.isFinite(s.meanEntropy());
        boolean collapsed = !diverged && judged && (shareAverage > config.maxClassShare() || entropyAverage < config.minEntropy());
        if (collapsed || diverged) {
            inner.reset();
            resets++;
            if (collapsed) collapses++;
            batchesSinceReset = 0;
            classShares = new double[classes];
        }
        return new Step(s.predictions(), s.meanEntropy(), s.maxClassShare(), s.memory(), collapsed || diverged);
    }

    /** Resets so far, for any reason. */
    public long resets() {
        return resets;
    }

    /** Resets judged from the smoothed signals (a collapse), a part of {@link #resets()}. */
    public long collapses() {
        return collapses;
    }

    /** Extremes of the smoothed signals so far (NaN before the first judged batch). */
    public Signals signals() {
        return new Signals(peakShare, lowestEntropy);
    }

    @Override
    public void reset() {
        inner.reset();
        batchesSinceReset = 0;
        classShares = new double[classes];
    }

    @Override
    public AdapterState state() {
        AdapterState s = inner.state();
        // Doubles kept exactly as their bits in counters, so restore continues bit-for-bit.
        for (int c = 0; c < classes; c++) s.putCounter("guard.share." + c, Double.doubleToRawLongBits(classShares[c]));
        s.putCounter("guard.entropy", Double.doubleToRawLongBits(entropyAverage));
        s.putCounter("guard.maxShare", Double.doubleToRawLongBits(shareAverage));
        s.putCounter("guard.batches", batchesSinceReset);
        s.putCounter("guard.resets", resets);
        s.putCounter("guard.collapses", collapses);
        return s;
    }

    @Override
    public void restore(AdapterState s) {
        inner.restore(s);
        for (int c = 0; c < classes; c++) classShares[c] = Double.longBitsToDouble(s.counter("guard.share." + c));
        entropyAverage = Double.longBitsToDouble(s.counter("guard.entropy"));
        shareAverage = Double.longBitsToDouble(s.counter("guard.maxShare"));
        batchesSinceReset = s.counter("guard.batches");
        resets = s.counter("guard.resets");
        // States written before collapses were counted apart: every reset then was a collapse.
        collapses = s.hasCounter("guard.collapses") ? s.counter("guard.collapses") : resets;
    }

    @Override
    public long trainableParameterCount() {
        return inner.trainableParameterCount();
    }

    public Adapter inner() {
        return inner;
    }

    @Override
    public void close() {
        inner.close();
    }
}

package dev.engram.snn.lsm;

import dev.engram.snn.events.EventBatch;

/**
 * Turns one recorded sample (events in time order) into a fixed-length feature vector. Encoders that
 * hold per-sample scratch or state are not thread-safe: use one per thread ({@link #copy()}).
 */
public interface SampleEncoder {
    /** Length of the feature vector. */
    int dimension();

    /** Writes the features of {@code sample} into {@code out[0..dimension())}, overwriting it. */
    void encode(EventBatch sample, float[] out);

    /** An independent encoder with the same configuration, for another thread. */
    SampleEncoder copy();

    /** Short name used in reports, such as {@code lsm-1000} or {@code binned-counts}. */
    String name();

    /** Bin of time {@code t} when {@code [t0, tLast]} is split into {@code bins} equal parts. */
    static int bin(long t, long t0, long tLast, int bins) {
        long span = tLast - t0 + 1;
        long b = (t - t0) * bins / span;
        return (int) Math.max(0, Math.min(bins - 1, b));
    }
}

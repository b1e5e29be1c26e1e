package dev.engram.snn.lsm;

import dev.engram.snn.events.EventBatch;
import java.util.Arrays;

/**
 * The baseline without a reservoir: per pixel and polarity, the number of events in each of
 * {@code bins} equal time bins spanning the sample (3 bins = one per N-MNIST saccade). Layout:
 * {@code [bin][polarity][y][x]}. Events outside the sensor are ignored.
 */
public final class BinnedCountFeatures implements SampleEncoder {
    private final int width;
    private final int height;
    private final int bins;

    public BinnedCountFeatures(int width, int height, int bins) {
        if (width <= 0 || height <= 0 || bins <= 0) throw new IllegalArgumentException("sizes and bins must be positive");
        this.width = width;
        this.height = height;
        this.bins = bins;
    }

    @Override
    public int dimension() { return bins * 2 * width * height; }

    @Override
    public void encode(EventBatch sample, float[] out) {
        Arrays.fill(out, 0, dimension(), 0f);
        int n = sample.size();
        if (n == 0) return;
        long[] ts = sample.tUs();
        long t0 = ts[0];
        long t1 = ts[n - 1];
        int[] xs = sample.x();
        int[] ys = sample.y();
        byte[] ps = sample.polarity();
        int plane = width * height;
        for (int i = 0; i < n; i++) {
            int x = xs[i];
            int y = ys[i];
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            int b = SampleEncoder.bin(ts[i], t0, t1, bins);
            out[(b * 2 + (ps[i] != 0 ? 1 : 0)) * plane + y * width + x] += 1f;
        }
    }

    @Override
    public SampleEncoder copy() { return this; }

    @Override
    public String name() { return "binned-counts"; }
}

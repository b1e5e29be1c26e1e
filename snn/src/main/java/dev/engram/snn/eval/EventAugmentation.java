package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Event-level augmentation of training samples ({@link AugmentOptions}): each copy moves every event
 * by one random integer shift (never zero on both axes), rotates and scales its position about the
 * sensor centre, jitters its time and drops it with some probability; events that leave the sensor are
 * dropped, the rest are re-sorted by time (stable). No mirror images: a mirrored digit is another
 * symbol. Copy {@code c} of sample {@code i} depends only on the options, the sample, {@code i} and
 * {@code c}, so augmented training sets are reproducible.
 */
public final class EventAugmentation {
    private final int copies;
    private final int shift;
    private final double rotateRad;
    private final double scale;
    private final long jitterUs;
    private final double drop;
    private final long seed;

    public EventAugmentation(OptionSet o) {
        copies = o.get(AugmentOptions.COPIES);
        shift = o.get(AugmentOptions.SHIFT_PX);
        rotateRad = Math.toRadians(o.get(AugmentOptions.ROTATE_DEG));
        scale = o.get(AugmentOptions.SCALE);
        jitterUs = o.get(AugmentOptions.TIME_JITTER_US);
        drop = o.get(AugmentOptions.DROP);
        seed = o.get(AugmentOptions.SEED);
        if (copies < 0 || shift < 0 || scale < 0 || scale >= 1 || jitterUs < 0 || drop < 0 || drop >= 1) {
            throw new IllegalArgumentException("augmentation options out of range: " + o);
        }
    }

    /** Augmented copies per training sample. */
    public int copies() { return copies; }

    /** Copy {@code copy} of sample {@code index} on a {@code width x height} sensor. */
    public EventBatch apply(EventBatch sample, int index, int copy, int width, int height) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)) ^ (0xC2B2AE3D27D4EB4FL * (copy + 1)));
        int dx = 0, dy = 0;
        if (shift > 0) {
            do {
                dx = rnd.nextInt(2 * shift + 1) - shift;
                dy = height > 1 ? rnd.nextInt(2 * shift + 1) - shift : 0;
            } while (dx == 0 && dy == 0);
        }
        double angle = rotateRad > 0 ? (2 * rnd.nextDouble() - 1) * rotateRad : 0;
        double factor = scale > 0 ? 1 + (2 * rnd.nextDouble() - 1) * scale : 1;
        double cos = Math.cos(angle) * factor, sin = Math.sin(angle) * factor;
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        boolean affine = angle != 0 || factor != 1;
        int n = sample.size();
        int[] xs = sample.x(), ys = sample.y();
        byte[] ps = sample.polarity();
        long[] ts = sample.tUs();
        long[] keyed = new long[n];
        int[] nx = new int[n], ny = new int[n];
        long[] nt = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (drop > 0 && rnd.nextDouble() < drop) continue;
            int x = xs[i], y = ys[i];
            if (affine) {
                double ux = x - cx, uy = y - cy;
                x = (int) Math.round(cx + cos * ux - sin * uy);
                y = (int) Math.round(cy + sin * ux + cos * uy);
            }
            x += dx;
            y += dy;
            long t = ts[i] + (jitterUs > 0 ? rnd.nextLong(2 * jitterUs + 1) - jitterUs : 0);
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            nx[m] = x;
            ny[m] = y;
            nt[m] = t;
            keyed[m] = i; // remembers the polarity's source
            m++;
        }
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) order[k] = k;
        if (jitterUs > 0) Arrays.sort(order, (a, b) -> Long.compare(nt[a], nt[b]));
        EventBatch out = new EventBatch(Math.max(16, m));
        for (int k = 0; k < m; k++) {
            int j = order[k];
            out.add(nx[j], ny[j], ps[(int) keyed[j]] != 0, nt[j]);
        }
        return out;
    }
}

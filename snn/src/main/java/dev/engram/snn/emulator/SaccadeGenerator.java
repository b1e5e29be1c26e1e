package dev.engram.snn.emulator;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;

/**
 * Makes N-MNIST-like recordings from still images: like the ATIS sensor of N-MNIST (Orchard et al.
 * 2015), the image is seen through three saccades along a triangle, each {@code saccade.duration-us}
 * long (100 ms by default), rendered every {@code saccade.frame-us} with bilinear sub-pixel shifts on a
 * sensor {@code 6} pixels larger than the image (28x28 digits on 34x34), and turned into events by an
 * {@link EventEmulator}. The output is one time-ordered sample of about 300 ms starting at t = 0.
 * Deterministic for given options (the emulator seed) and image; each call builds a fresh emulator
 * whose seed is the option seed plus {@code sampleSeed}, so samples differ in mismatch and noise.
 */
public final class SaccadeGenerator {
    /** Sensor margin around the image: N-MNIST's 34 = 28 + 6. */
    public static final int MARGIN = 6;

    private final OptionSet options;
    private final long saccadeUs;
    private final long frameUs;
    private final double amplitude;

    public SaccadeGenerator(OptionSet options) {
        this.options = options;
        this.saccadeUs = options.get(EmulatorOptions.SACCADE_US);
        this.frameUs = options.get(EmulatorOptions.SACCADE_FRAME_US);
        this.amplitude = Math.min(MARGIN, options.get(EmulatorOptions.SACCADE_AMPLITUDE));
        if (frameUs <= 0 || saccadeUs < frameUs) throw new IllegalArgumentException("need 0 < frame-us <= saccade duration");
    }

    /** Image offset (x, y) in pixels at time {@code t} of a sample: A to B, B to C, C to A, as an isosceles triangle. */
    public double[] offset(long t) {
        double a = amplitude;
        double m = (MARGIN - a) / 2.0;
        double[][] v = {{m, m + a}, {m + a / 2, m}, {m + a, m + a}};
        int s = (int) Math.min(2, t / saccadeUs);
        double f = Math.min(1.0, (t - s * saccadeUs) / (double) saccadeUs);
        double[] p = v[s];
        double[] q = v[(s + 1) % 3];
        return new double[] {p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1])};
    }

    /**
     * Renders the three saccades over a {@code rows x cols} 8-bit grayscale image and returns the events.
     * The returned batch is sized to hold them all.
     */
    public EventBatch generate(byte[] image, int rows, int cols, long sampleSeed) {
        int w = cols + MARGIN;
        int h = rows + MARGIN;
        OptionSet o = options.with(EmulatorOptions.SEED, options.get(EmulatorOptions.SEED) + sampleSeed);
        EventEmulator emulator = new EventEmulator(w, h, o);
        GrowingSink sink = new GrowingSink();
        byte[] frame = new byte[w * h];
        long end = 3 * saccadeUs;
        for (long t = 0; t <= end; t += frameUs) {
            double[] off = offset(t);
            render(image, rows, cols, off[0], off[1], frame, w, h);
            emulator.accept(frame, 1, t + 1, sink);
        }
        EventBatch out = new EventBatch(Math.max(16, sink.n));
        for (int i = 0; i < sink.n; i++) out.add(sink.x[i], sink.y[i], sink.p[i] != 0, sink.t[i] - 1);
        return out;
    }

    /**
     * Frame at time {@code tUs} of one continuous stream that shows image {@code k mod count} of
     * {@code images} during [k·sampleUs, (k+1)·sampleUs), moved along these saccades (which restart
     * with each image), into {@code frame} of (rows + MARGIN) × (cols + MARGIN) pixels.
     */
    public void streamFrame(MnistIdx.Images images, long tUs, long sampleUs, byte[] frame) {
        int k = (int) ((tUs / sampleUs) % images.count());
        double[] off = offset(tUs % sampleUs);
        render(images.image(k), images.rows(), images.cols(), off[0], off[1], frame, images.cols() + MARGIN, images.rows() + MARGIN);
    }

    /** Bilinear placement of the image at a sub-pixel offset; pixels outside it are black. */
    public static void render(byte[] image, int rows, int cols, double ox, double oy, byte[] frame, int w, int h) {
        for (int y = 0; y < h; y++) {
            double sy = y - oy;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = x - ox;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * px(image, rows, cols, x0, y0) + fx * px(image, rows, cols, x0 + 1, y0))
                        + fy * ((1 - fx) * px(image, rows, cols, x0, y0 + 1) + fx * px(image, rows, cols, x0 + 1, y0 + 1));
                frame[y * w + x] = (byte) Math.min(255, Math.round(v));
            }
        }
    }

    private static int px(byte[] image, int rows, int cols, int x, int y) {
        if (x < 0 || y < 0 || x >= cols || y >= rows) return 0;
        return image[y * cols + x] & 0xFF;
    }

    private static final class GrowingSink implements EventSink {
        int[] x = new int[4096];
        int[] y = new int[4096];
        byte[] p = new byte[4096];
        long[] t = new long[4096];
        int n;

        @Override
        public void event(int ex, int ey, boolean on, long tUs) {
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, 2 * n);
                y = java.util.Arrays.copyOf(y, 2 * n);
                p = java.util.Arrays.copyOf(p, 2 * n);
                t = java.util.Arrays.copyOf(t, 2 * n);
            }
            x[n] = ex;
            y[n] = ey;
            p[n] = (byte) (on ? 1 : 0);
            t[n] = tUs;
            n++;
        }
    }
}

package dev.engram.snn.emulator;

import dev.engram.snn.OptionSet;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A DVS pixel-array emulator after v2e (Hu, Liu, Delbruck 2021), fed with frames. Each pixel keeps the
 * log intensity at its last event (its reference level); when the log intensity between two frames
 * moves by a multiple of the pixel's ON or OFF contrast threshold from that reference, it emits that
 * many events, each timestamped where the linearly interpolated log intensity crosses the level. The
 * per-pixel thresholds are the nominal ones plus seeded Gaussian mismatch; a pixel is silent for the
 * refractory period after an event (its reference still follows the signal); optional shot noise
 * adds seeded random events. Events of one frame interval are delivered sorted by time (ties in pixel
 * order), so the output is time-ordered.
 *
 * <p>Input frames are 8-bit grayscale ({@code channels = 1}, row-major) or interleaved RGB
 * ({@code channels = 3}, luma by Rec. 601). The first frame only sets the references. Frames must
 * come with increasing timestamps; a frame not later than its predecessor is refused with an
 * {@link IllegalArgumentException}. Same options, seed and frames give the same events.
 *
 * <p>Memory: about 24 bytes per pixel plus a growable per-interval event buffer. Not thread-safe: one
 * emulator per stream.
 */
public final class EventEmulator {
    private final int width;
    private final int height;
    private final float[] thresholdOn;
    private final float[] thresholdOff;
    private final float[] reference;
    private final float[] lastLog;
    private final long[] lastEventUs;
    private final long refractoryUs;
    private final double shotNoiseHz;
    private final float linLogThreshold;
    private final float linSlope;
    private final SplittableRandom noise;
    private long lastFrameUs = Long.MIN_VALUE;
    private long frames;

    private long[] pending = new long[1024];
    private int nPending;

    public EventEmulator(int width, int height, OptionSet options) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("sensor size must be positive: " + width + "x" + height);
        this.width = width;
        this.height = height;
        int n = width * height;
        SplittableRandom rnd = new SplittableRandom(options.get(EmulatorOptions.SEED));
        double on = options.get(EmulatorOptions.THRESHOLD_ON);
        double off = options.get(EmulatorOptions.THRESHOLD_OFF);
        double sigma = options.get(EmulatorOptions.THRESHOLD_SIGMA);
        double min = options.get(EmulatorOptions.THRESHOLD_MIN);
        thresholdOn = new float[n];
        thresholdOff = new float[n];
        for (int i = 0; i < n; i++) {
            thresholdOn[i] = (float) Math.max(min, on + sigma * gaussian(rnd));
            thresholdOff[i] = (float) Math.max(min, off + sigma * gaussian(rnd));
        }
        reference = new float[n];
        lastLog = new float[n];
        lastEventUs = new long[n];
        Arrays.fill(lastEventUs, Long.MIN_VALUE / 2);
        refractoryUs = options.get(EmulatorOptions.REFRACTORY_US);
        shotNoiseHz = options.get(EmulatorOptions.SHOT_NOISE_HZ);
        linLogThreshold = options.get(EmulatorOptions.LIN_LOG_THRESHOLD).floatValue();
        linSlope = (float) (Math.log(linLogThreshold) / linLogThreshold);
        noise = rnd.split();
    }

    /** Box-Muller from two uniforms, so the sequence depends only on the seed. */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public int width() { return width; }
    public int height() { return height; }

    /** Frames accepted so far. */
    public long frames() { return frames; }

    /** Bytes held by the per-pixel arrays and the event buffer. */
    public long bytes() {
        return (long) width * height * (4 + 4 + 4 + 4 + 8) + 8L * pending.length;
    }

    /** The response of a pixel to an 8-bit intensity: linear below the lin-log threshold, logarithmic above. */
    float linLog(float intensity) {
        return intensity < linLogThreshold ? intensity * linSlope : (float) Math.log(intensity);
    }

    /**
     * Takes one frame and sends the events since the previous frame to {@code sink}, in time order.
     *
     * @return the number of events sent
     */
    public int accept(byte[] pixels, int channels, long tUs, EventSink sink) {
        int n = width * height;
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        if (pixels.length < n * channels) throw new IllegalArgumentException("frame has " + pixels.length + " bytes, need " + n * channels);
        if (frames > 0 && tUs <= lastFrameUs) throw new IllegalArgumentException("frame time " + tUs + " us not after previous " + lastFrameUs + " us");
        frames++;
        if (frames == 1) {
            for (int i = 0; i < n; i++) {
                float l = linLog(intensity(pixels, channels, i));
                reference[i] = l;
                lastLog[i] = l;
            }
            lastFrameUs = tUs;
            return 0;
        }
        long t0 = lastFrameUs;
        long span = tUs - t0;
        nPending = 0;
        for (int i = 0; i < n; i++) {
            float l1 = linLog(intensity(pixels, channels, i));
            float l0 = lastLog[i];
            lastLog[i] = l1;
            float ref = reference[i];
            float d = l1 - l0;
            if (l1 - ref >= thresholdOn[i]) {
                float th = thresholdOn[i];
                while (l1 - ref >= th) {
                    ref += th;
                    emitCandidate(i, true, t0 + crossing(ref, l0, d, span));
                }
            } else if (ref - l1 >= thresholdOff[i]) {
                float th = thresholdOff[i];
                while (ref - l1 >= th) {
                    ref -= th;
                    emitCandidate(i, false, t0 + crossing(ref, l0, d, span));
                }
            }
            reference[i] = ref;
        }
        if (shotNoiseHz > 0) addShotNoise(t0, span);
        lastFrameUs = tUs;
        return drain(t0, sink);
    }

    private static long crossing(float level, float l0, float d, long span) {
        if (d == 0f) return span;
        double f = (level - l0) / (double) d;
        long off = (long) Math.ceil(f * span);
        return Math.max(1, Math.min(span, off));
    }

    private void emitCandidate(int pixel, boolean on, long t) {
        if (t - lastEventUs[pixel] < refractoryUs) return;
        lastEventUs[pixel] = t;
        push(pixel, on, t);
    }

    private void push(int pixel, boolean on, long t) {
        if (nPending == pending.length) pending = Arrays.copyOf(pending, pending.length * 2);
        long rel = t - lastFrameUs;
        // Key sorts by time offset, then pixel, then polarity; it fits while a frame interval is under 2^31 us.
        pending[nPending++] = (rel << 32) | ((long) pixel << 1) | (on ? 1 : 0);
    }

    private void addShotNoise(long t0, long span) {
        int n = width * height;
        double mean = shotNoiseHz * n * (span / 1e6);
        int count = poisson(mean);
        for (int k = 0; k < count; k++) {
            int pixel = noise.nextInt(n);
            boolean on = noise.nextBoolean();
            long t = t0 + 1 + noise.nextLong(span);
            emitCandidate(pixel, on, t);
        }
    }

    private int poisson(double mean) {
        if (mean <= 0) return 0;
        if (mean > 50) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(noise)));
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= noise.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private int drain(long t0, EventSink sink) {
        Arrays.sort(pending, 0, nPending);
        for (int k = 0; k < nPending; k++) {
            long key = pending[k];
            int pixel = (int) ((key & 0xFFFF_FFFFL) >>> 1);
            sink.event(pixel % width, pixel / width, (key & 1) != 0, t0 + (key >>> 32));
        }
        return nPending;
    }

    private static float intensity(byte[] px, int channels, int i) {
        if (channels == 1) return px[i] & 0xFF;
        int j = 3 * i;
        return 0.299f * (px[j] & 0xFF) + 0.587f * (px[j + 1] & 0xFF) + 0.114f * (px[j + 2] & 0xFF);
    }
}

package dev.engram.snn.audio;

import dev.engram.snn.OptionSet;
import dev.engram.snn.emulator.EventSink;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A streaming silicon-cochlea emulator: audio samples in, address events out, as the dynamic audio
 * sensors behind N-TIDIGITS produce them. Each of {@code cochlea.channels} channels is a band-pass
 * filter (two cascaded second-order sections, unit gain at the centre frequency) whose centre
 * frequencies are spaced evenly on the ERB-rate (or mel) scale between {@code cochlea.f-min-hz} and
 * {@code cochlea.f-max-hz}, with a bandwidth of {@code cochlea.bandwidth} ERBs; its output is
 * half-wave rectified and smoothed by two cascaded one-pole low-passes ({@code cochlea.envelope-hz})
 * into an envelope (two poles, so the ripple of a steady tone stays below the threshold). Level-crossing (delta) modulation of {@code log(envelope + floor)} then emits an ON event
 * each time the log envelope rises by the channel's threshold above its last level and an OFF event
 * each time it falls by it; within {@code cochlea.refractory-us} of a channel's last event no event is
 * emitted, though the level still follows. Thresholds are {@code cochlea.threshold} plus seeded
 * Gaussian mismatch per channel.
 *
 * <p>Events: {@code x} = channel (0 = lowest frequency), {@code y} = 0, time = the sample's time in
 * microseconds from the first sample ({@code floor(n * 1e6 / sampleRate)}); they come in time order,
 * channels in ascending order within a sample. Silence (and anything below the floor) emits nothing;
 * a louder sound rises further above the floor and emits more. Same options, seed and samples give
 * the same events. Memory is fixed by the channel count ({@link #bytes()}), however long the stream.
 * Not thread-safe: one cochlea per stream.
 */
public final class Cochlea {
    private final int channels;
    private final int sampleRate;
    private final double[] centreHz;
    private final double[] b0;
    private final double[] a1;
    private final double[] a2;
    // Transposed direct form II states of the two sections.
    private final double[] z1a;
    private final double[] z2a;
    private final double[] z1b;
    private final double[] z2b;
    private final double[] envelopeA;
    private final double[] envelope;
    private final double envelopeCoefficient;
    private final double logFloor;
    private final double floor;
    private final double[] level;
    private final double[] up;
    private final double[] down;
    private final double[] threshold;
    private final long[] lastEventUs;
    private final long refractoryUs;
    private long samples;
    private long events;

    /**
     * A cochlea for audio at {@code sampleRate} Hz.
     *
     * @throws IllegalArgumentException when the options give no valid filter bank for that rate
     */
    public Cochlea(int sampleRate, OptionSet o) {
        if (sampleRate < 1000 || sampleRate > 384_000) throw new IllegalArgumentException("sample rate " + sampleRate + " Hz outside 1000..384000");
        this.sampleRate = sampleRate;
        this.channels = o.get(CochleaOptions.CHANNELS);
        if (channels < 1 || channels > 4096) throw new IllegalArgumentException("cochlea.channels must be 1..4096, got " + channels);
        double nyquist = sampleRate / 2.0;
        double fMin = o.get(CochleaOptions.F_MIN_HZ);
        double fMax = o.get(CochleaOptions.F_MAX_HZ);
        if (fMax <= 0 || fMax > 0.9 * nyquist) fMax = 0.9 * nyquist;
        if (!(fMin > 0) || fMin >= fMax) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cochlea.f-min-hz %.1f must be positive and below the highest centre frequency %.1f Hz", fMin, fMax));
        }
        double bandwidth = o.get(CochleaOptions.BANDWIDTH);
        if (!(bandwidth > 0)) throw new IllegalArgumentException("cochlea.bandwidth must be positive");
        double envelopeHz = o.get(CochleaOptions.ENVELOPE_HZ);
        if (!(envelopeHz > 0) || envelopeHz >= nyquist) throw new IllegalArgumentException("cochlea.envelope-hz must be in (0, Nyquist)");
        this.floor = o.get(CochleaOptions.FLOOR);
        if (!(floor > 0)) throw new IllegalArgumentException("cochlea.floor must be positive");
        double th = o.get(CochleaOptions.THRESHOLD);
        if (!(th > 0)) throw new IllegalArgumentException("cochlea.threshold must be positive");
        this.refractoryUs = o.get(CochleaOptions.REFRACTORY_US);
        if (refractoryUs < 0) throw new IllegalArgumentException("cochlea.refractory-us must not be negative");
        Scale scale = Scale.named(o.get(CochleaOptions.SCALE));

        centreHz = new double[channels];
        b0 = new double[channels];
        a1 = new double[channels];
        a2 = new double[channels];
        double lo = scale.toScale(fMin), hi = scale.toScale(fMax);
        for (int c = 0; c < channels; c++) {
            double f = channels == 1 ? fMin : scale.toHz(lo + (hi - lo) * c / (channels - 1));
            centreHz[c] = f;
            double q = f / (bandwidth * erb(f));
            double w0 = 2 * Math.PI * f / sampleRate;
            double alpha = Math.sin(w0) / (2 * q);
            double a0 = 1 + alpha;
            b0[c] = alpha / a0;
            a1[c] = -2 * Math.cos(w0) / a0;
            a2[c] = (1 - alpha) / a0;
        }
        z1a = new double[channels];
        z2a = new double[channels];
        z1b = new double[channels];
        z2b = new double[channels];
        envelopeA = new double[channels];
        envelope = new double[channels];
        envelopeCoefficient = 1 - Math.exp(-2 * Math.PI * envelopeHz / sampleRate);
        logFloor = Math.log(floor);
        level = new double[channels];
        up = new double[channels];
        down = new double[channels];
        threshold = new double[channels];
        double sigma = o.get(CochleaOptions.THRESHOLD_SIGMA);
        SplittableRandom rnd = new SplittableRandom(o.get(CochleaOptions.SEED));
        for (int c = 0; c < channels; c++) {
            threshold[c] = Math.max(0.01, th + sigma * gaussian(rnd));
            setLevel(c, logFloor);
        }
        lastEventUs = new long[channels];
        Arrays.fill(lastEventUs, Long.MIN_VALUE / 2);
    }

    /** Equivalent rectangular bandwidth of the human auditory filter at {@code f} Hz (Glasberg and Moore 1990). */
    static double erb(double f) {
        return 24.7 * (4.37 * f / 1000 + 1);
    }

    /** Frequency scales on which the centre frequencies are evenly spaced. */
    enum Scale {
        ERB {
            double toScale(double hz) { return 21.4 * Math.log10(1 + 0.00437 * hz); }
            double toHz(double v) { return (Math.pow(10, v / 21.4) - 1) / 0.00437; }
        },
        MEL {
            double toScale(double hz) { return 2595 * Math.log10(1 + hz / 700); }
            double toHz(double v) { return 700 * (Math.pow(10, v / 2595) - 1); }
        };

        abstract double toScale(double hz);

        abstract double toHz(double v);

        static Scale named(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "erb" -> ERB;
                case "mel" -> MEL;
                default -> throw new IllegalArgumentException("cochlea.scale must be erb or mel, got '" + name + "'");
            };
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public int channels() { return channels; }
    public int sampleRate() { return sampleRate; }

    /** Centre frequency of a channel in Hz. */
    public double centreHz(int channel) { return centreHz[channel]; }

    /** Samples accepted so far. */
    public long samples() { return samples; }

    /** Events emitted so far. */
    public long events() { return events; }

    /** Time of the next sample in microseconds. */
    public long timeUs() { return time(samples); }

    private long time(long sample) {
        return sample * 1_000_000L / sampleRate; // exact; overflows only after 290,000 years at 1 kHz
    }

    /** Bytes held by the per-channel arrays; fixed by the channel count. */
    public long bytes() {
        return (long) channels * (8 * 16) + 64;
    }

    /**
     * Takes samples {@code from <= i < to} (full scale = 1; values beyond are not clipped) and sends
     * their events to {@code sink} in time order.
     *
     * @return the number of events sent
     */
    public int accept(float[] pcm, int from, int to, EventSink sink) {
        int emitted = 0;
        final double k = envelopeCoefficient;
        for (int i = from; i < to; i++) {
            double x = pcm[i];
            long t = time(samples++);
            for (int c = 0; c < channels; c++) {
                double g = b0[c], p1 = a1[c], p2 = a2[c];
                // Section 1: b = (g, 0, -g).
                double y1 = g * x + z1a[c];
                z1a[c] = -p1 * y1 + z2a[c];
                z2a[c] = -g * x - p2 * y1;
                // Section 2.
                double y2 = g * y1 + z1b[c];
                z1b[c] = -p1 * y2 + z2b[c];
                z2b[c] = -g * y1 - p2 * y2;
                double r = envelopeA[c] + k * ((y2 > 0 ? y2 : 0) - envelopeA[c]);
                envelopeA[c] = r;
                double e = envelope[c] + k * (r - envelope[c]);
                envelope[c] = e;
                double a = e + floor;
                // Compared in the linear domain, so the logarithm is taken only when a level is crossed.
                if (a < up[c] && a > down[c]) continue;
                double l = Math.log(a);
                double ref = level[c];
                double th = threshold[c];
                if (l - ref >= th) {
                    while (l - ref >= th) {
                        ref += th;
                        if (emit(c, true, t, sink)) emitted++;
                    }
                } else {
                    while (ref - l >= th) {
                        ref -= th;
                        if (emit(c, false, t, sink)) emitted++;
                    }
                }
                setLevel(c, ref);
            }
        }
        events += emitted;
        return emitted;
    }

    private void setLevel(int c, double ref) {
        level[c] = ref;
        up[c] = Math.exp(ref + threshold[c]);
        down[c] = Math.exp(ref - threshold[c]);
    }

    private boolean emit(int channel, boolean on, long t, EventSink sink) {
        if (t - lastEventUs[channel] < refractoryUs) return false;
        lastEventUs[channel] = t;
        sink.event(channel, 0, on, t);
        return true;
    }
}

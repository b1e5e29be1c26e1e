package dev.engram.snn.audio;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/** Options of the silicon-cochlea emulator ({@link Cochlea}) and of raw PCM input ({@link PcmReader}). */
public final class CochleaOptions {
    private CochleaOptions() {}

    public static final Option<Integer> CHANNELS = Option.ofInt("cochlea.channels", 64,
            "Band-pass channels (event x coordinates 0..channels-1), centre frequencies spaced evenly on the scale.");
    public static final Option<String> SCALE = Option.ofString("cochlea.scale", "erb",
            "Spacing of the centre frequencies: erb (Glasberg and Moore's ERB-rate) or mel.");
    public static final Option<Double> F_MIN_HZ = Option.ofDouble("cochlea.f-min-hz", 100.0,
            "Centre frequency of the lowest channel.");
    public static final Option<Double> F_MAX_HZ = Option.ofDouble("cochlea.f-max-hz", 0.0,
            "Centre frequency of the highest channel; 0 (or above) means 90 % of the Nyquist frequency of the input.");
    public static final Option<Double> BANDWIDTH = Option.ofDouble("cochlea.bandwidth", 1.0,
            "Bandwidth of each channel's band-pass sections in multiples of the ERB at its centre frequency.");
    public static final Option<Double> ENVELOPE_HZ = Option.ofDouble("cochlea.envelope-hz", 50.0,
            "Cut-off of each of the two one-pole low-passes that smooth a half-wave rectified channel into its envelope.");
    public static final Option<Double> FLOOR = Option.ofDouble("cochlea.floor", 3e-4,
            "Envelope floor (full scale = 1) added before the logarithm: quieter sound makes no events.");
    public static final Option<Double> THRESHOLD = Option.ofDouble("cochlea.threshold", 0.3,
            "Change of the log envelope since a channel's last level that makes one ON (rise) or OFF (fall) event.");
    public static final Option<Double> THRESHOLD_SIGMA = Option.ofDouble("cochlea.threshold.sigma", 0.02,
            "Standard deviation of the per-channel Gaussian threshold mismatch (log units, seeded); 0 for identical channels.");
    public static final Option<Long> REFRACTORY_US = Option.ofLong("cochlea.refractory-us", 1000L,
            "A channel emits no event within this many microseconds after its last one (its level still follows).");
    public static final Option<Long> SEED = Option.ofLong("cochlea.seed", 42L,
            "Seed of the threshold mismatch.");
    public static final Option<Integer> PCM_SAMPLE_RATE = Option.ofInt("cochlea.pcm.sample-rate", 16000,
            "Sample rate of raw PCM input (.pcm: 16-bit little-endian mono, no header); WAV files state their own.");

    public static final List<Option<?>> ALL = List.of(CHANNELS, SCALE, F_MIN_HZ, F_MAX_HZ, BANDWIDTH, ENVELOPE_HZ, FLOOR,
            THRESHOLD, THRESHOLD_SIGMA, REFRACTORY_US, SEED, PCM_SAMPLE_RATE);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }
}

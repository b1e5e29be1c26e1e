package dev.engram.snn.emulator;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/** Options of the video-to-events emulator ({@link EventEmulator}) and the saccade generator ({@link SaccadeGenerator}). */
public final class EmulatorOptions {
    private EmulatorOptions() {}

    public static final Option<Double> THRESHOLD_ON = Option.ofDouble("emulator.threshold.on", 0.2,
            "Nominal ON contrast threshold: rise of log intensity that makes one ON event.");
    public static final Option<Double> THRESHOLD_OFF = Option.ofDouble("emulator.threshold.off", 0.2,
            "Nominal OFF contrast threshold: fall of log intensity that makes one OFF event.");
    public static final Option<Double> THRESHOLD_SIGMA = Option.ofDouble("emulator.threshold.sigma", 0.03,
            "Standard deviation of the per-pixel Gaussian threshold mismatch (log units, seeded); 0 for identical pixels.");
    public static final Option<Double> THRESHOLD_MIN = Option.ofDouble("emulator.threshold.min", 0.01,
            "Floor of a pixel's threshold after mismatch, so no pixel fires on rounding noise.");
    public static final Option<Long> REFRACTORY_US = Option.ofLong("emulator.refractory-us", 0L,
            "A pixel emits no event within this many microseconds after its last one (its reference still follows).");
    public static final Option<Double> SHOT_NOISE_HZ = Option.ofDouble("emulator.shot-noise-hz", 0.0,
            "Rate of spurious events per pixel per second, random polarity and time (seeded); 0 for none.");
    public static final Option<Double> LIN_LOG_THRESHOLD = Option.ofDouble("emulator.lin-log-threshold", 20.0,
            "Intensity (0-255) below which the response is linear instead of logarithmic, as v2e's lin_log.");
    public static final Option<Long> SEED = Option.ofLong("emulator.seed", 42L,
            "Seed of threshold mismatch and shot noise.");

    public static final Option<Long> SACCADE_US = Option.ofLong("emulator.saccade.duration-us", 100_000L,
            "Duration of each of the three N-MNIST-like saccades.");
    public static final Option<Long> SACCADE_FRAME_US = Option.ofLong("emulator.saccade.frame-us", 1_000L,
            "Interval of the rendered frames during a saccade; events are interpolated between them.");
    public static final Option<Double> SACCADE_AMPLITUDE = Option.ofDouble("emulator.saccade.amplitude-px", 5.0,
            "Size of the triangular saccade path in pixels (at most 6 keeps a 28x28 digit on the 34x34 sensor).");

    public static final List<Option<?>> ALL = List.of(THRESHOLD_ON, THRESHOLD_OFF, THRESHOLD_SIGMA, THRESHOLD_MIN,
            REFRACTORY_US, SHOT_NOISE_HZ, LIN_LOG_THRESHOLD, SEED, SACCADE_US, SACCADE_FRAME_US, SACCADE_AMPLITUDE);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }
}

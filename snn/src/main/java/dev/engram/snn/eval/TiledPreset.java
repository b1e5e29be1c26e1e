package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LsmOptions;
import java.util.List;

/**
 * The tiled reservoir for event cameras ({@code engram events eval --reservoir tiled}): LIF neurons
 * with local receptive fields (random kernels tiled over the sensor, {@link LsmOptions#INPUT_KIND}),
 * sparse random recurrence, spike counts pooled over neighbouring positions in the saccades' time
 * bins, and shifted copies of the training samples. The candidates differ in what the nested
 * cross-validation of the evaluation chooses between; the values come from cross-validation on the
 * shared N-MNIST training digits (docs/BENCHMARKS-events.md).
 */
public final class TiledPreset {
    private TiledPreset() {}

    /** The tiled reservoir's options with its seed. */
    public static OptionSet lsm(long seed) {
        return LsmOptions.defaults()
                .with(LsmOptions.NEURONS, 0)
                .with(LsmOptions.INPUT_KIND, "tiled")
                .with(LsmOptions.INPUT_POOL, 1)
                .with(LsmOptions.INPUT_MAPS, 32)
                .with(LsmOptions.INPUT_KERNEL, 6)
                .with(LsmOptions.INPUT_STRIDE, 2)
                .with(LsmOptions.FEATURE_POOL, 2)
                .with(LsmOptions.CONNECTION_PROBABILITY, 0.002)
                .with(LsmOptions.SEED, seed);
    }

    /** The candidates the nested cross-validation chooses between. */
    public static List<EventEvaluation.Candidate> candidates(long seed) {
        OptionSet base = lsm(seed);
        return List.of(new EventEvaluation.Candidate("tiled-32x6", base));
    }

    /** Augmentation of the training samples. */
    public static OptionSet augment() {
        return AugmentOptions.defaults().with(AugmentOptions.COPIES, 4).with(AugmentOptions.SHIFT_PX, 1);
    }
}

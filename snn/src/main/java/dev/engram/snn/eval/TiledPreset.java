package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.util.List;
import java.util.Map;

/**
 * The tiled reservoir for event cameras ({@code engram events eval --reservoir tiled}): LIF neurons
 * with local receptive fields (random kernels tiled over the sensor, {@link LsmOptions#INPUT_KIND}),
 * spike counts pooled over neighbouring positions in the saccades' time bins, and candidate readouts
 * and training augmentations. The candidates are what the evaluation's nested cross-validation chooses
 * between; the fixed values were set by 5-fold CV experiments on the shared N-MNIST training digits
 * before the nested run (docs/BENCHMARKS-events.md says which).
 */
public final class TiledPreset {
    private TiledPreset() {}

    /**
     * The tiled reservoir's options with its seed: 32 random 6x6 kernels over both polarities at
     * stride 2 (15 x 15 positions, 7,200 neurons), a near-perfect integrator (membrane 100 ms, no
     * refractory hold, so a neuron's count follows its rectified input), sparse weak recurrence, and
     * square roots of the spike counts pooled 2 x 2 in the three saccade bins (6,144 features).
     */
    public static OptionSet lsm(long seed) {
        return LsmOptions.defaults()
                .with(LsmOptions.NEURONS, 0)
                .with(LsmOptions.INPUT_KIND, "tiled")
                .with(LsmOptions.INPUT_POOL, 1)
                .with(LsmOptions.INPUT_MAPS, 32)
                .with(LsmOptions.INPUT_KERNEL, 6)
                .with(LsmOptions.INPUT_STRIDE, 2)
                .with(LsmOptions.FEATURE_POOL, 2)
                .with(LsmOptions.FEATURE_SQRT, true)
                .with(LsmOptions.TAU_MEMBRANE_MS, 100.0)
                .with(LsmOptions.REFRACTORY_STEPS, 0)
                .with(LsmOptions.CONNECTION_PROBABILITY, 0.001)
                .with(LsmOptions.SEED, seed);
    }

    /**
     * The candidates the nested cross-validation chooses between: with the sparse recurrence and
     * without it (a layer of independent LIF neurons), each under a ridge readout on standardised
     * features and on unit-length samples ({@code readout.ridge.scaling}), and the unit-length ones
     * also trained with two copies of every training digit that drop a fifth of its events.
     */
    public static List<EventEvaluation.Candidate> candidates(long seed) {
        OptionSet base = lsm(seed);
        OptionSet feedForward = base.with(LsmOptions.CONNECTION_PROBABILITY, 0.0);
        Map<String, String> standardize = Map.of(ReadoutOptions.RIDGE_SCALING.key(), "standardize");
        Map<String, String> unitLength = Map.of(ReadoutOptions.RIDGE_SCALING.key(), "unit-length");
        // The first four train on the run's augmentation (none unless --augment says so), the last two on their own.
        return List.of(new EventEvaluation.Candidate("tiled-recurrent", base, standardize),
                new EventEvaluation.Candidate("tiled-feedforward", feedForward, standardize),
                new EventEvaluation.Candidate("tiled-recurrent-unit-length", base, unitLength),
                new EventEvaluation.Candidate("tiled-feedforward-unit-length", feedForward, unitLength),
                new EventEvaluation.Candidate("tiled-recurrent-unit-length-drop", base, unitLength, dropCopies()),
                new EventEvaluation.Candidate("tiled-feedforward-unit-length-drop", feedForward, unitLength, dropCopies()));
    }

    /**
     * Augmentation of the drop candidates: two copies of each training sample, each without a random
     * fifth of its events (no shift). One-pixel shifts were measured to hurt (docs/BENCHMARKS-events.md).
     */
    public static Map<String, String> dropCopies() {
        return Map.of(AugmentOptions.COPIES.key(), "2", AugmentOptions.DROP.key(), "0.2", AugmentOptions.SHIFT_PX.key(), "0");
    }
}

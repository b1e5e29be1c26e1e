package dev.engram.memory;

import java.util.List;

/**
 * Every tuning option of the bounded memories, declared once with key, default and one sentence.
 * Defaults equal the constructors' defaults; modules that expose these map their flags onto the keys.
 */
public final class MemoryBankOptions {
    private MemoryBankOptions() {}

    public static final Option<Double> FIFO_LEARNING_RATE = Option.ofDouble("memory.fifo.learning-rate",
            WeightedFifoPolicy.DEFAULT_LEARNING_RATE,
            "Weight a new frame gets in the weighted FIFO memory; older non-anchor weights decay by 1 minus this.");
    public static final Option<Double> ANCHOR_FLOOR = Option.ofDouble("memory.anchor-floor",
            WeightedFifoPolicy.DEFAULT_ANCHOR_FLOOR,
            "Minimum total weight the anchor (ground-truth) frames get in every target-model update.");
    public static final Option<Integer> RMSCL_TOP_K = Option.ofInt("memory.rmscl.top-k", 4,
            "Non-anchor frames RMSCL selects per update, those with the largest reconstruction coefficients.");
    public static final Option<Double> RMSCL_LAMBDA1 = Option.ofDouble("memory.rmscl.lambda1", 0.01,
            "L1 (sparsity) weight of RMSCL's descriptor reconstruction.");
    public static final Option<Double> RMSCL_LAMBDA2 = Option.ofDouble("memory.rmscl.lambda2", 0.01,
            "L2 (ridge) weight of RMSCL's descriptor reconstruction; must be positive.");
    public static final Option<Integer> RMSCL_SWEEPS = Option.ofInt("memory.rmscl.sweeps", 200,
            "Maximum coordinate-descent sweeps per RMSCL reconstruction.");
    public static final Option<Double> GRCL_STRENGTH = Option.ofDouble("memory.grcl.strength",
            GatedRegularizer.DEFAULT_STRENGTH, "Strength of the GRCL penalty pulling the model towards stored states.");
    public static final Option<Double> GRCL_GATE_FRACTION = Option.ofDouble("memory.grcl.gate-fraction",
            GatedRegularizer.DEFAULT_GATE_FRACTION,
            "Fraction of parameters, by largest importance, that each stored GRCL state holds in place.");

    public static final List<Option<?>> ALL = List.of(FIFO_LEARNING_RATE, ANCHOR_FLOOR, RMSCL_TOP_K, RMSCL_LAMBDA1,
            RMSCL_LAMBDA2, RMSCL_SWEEPS, GRCL_STRENGTH, GRCL_GATE_FRACTION);
}

package dev.engram.memory;

import java.util.List;

/**
 * Every tuning option of the bounded memories, declared once with key, default and one sentence.
 * Defaults equal the constructors' defaults. Learners build their policies through {@link #policy}
 * from these keys (VOS accepts them in its options and on {@code --set}); the GRCL strength is the
 * learner's own option ({@code vos.grcl-strength}), since what suits depends on the model's loss.
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
    public static final Option<Double> RMSCL_RECENT_FRACTION = Option.ofDouble("memory.rmscl.recent-fraction",
            RmsclPolicy.DEFAULT_RECENT_FRACTION,
            "Share of RMSCL's non-anchor frames, the newest, that are never evicted for being redundant, in [0, 1).");
    public static final Option<Double> GRCL_GATE_FRACTION = Option.ofDouble("memory.grcl.gate-fraction",
            GatedRegularizer.DEFAULT_GATE_FRACTION,
            "Fraction of parameters, by largest importance, that each stored GRCL state holds in place.");

    public static final List<Option<?>> ALL = List.of(FIFO_LEARNING_RATE, ANCHOR_FLOOR, RMSCL_TOP_K, RMSCL_LAMBDA1,
            RMSCL_LAMBDA2, RMSCL_SWEEPS, RMSCL_RECENT_FRACTION, GRCL_GATE_FRACTION);

    /**
     * A fresh policy by name ({@code fifo}, {@code reservoir}, {@code rmscl}) configured from these
     * options' values as {@code value} gives them (the seed is used by {@code reservoir} only).
     * IllegalArgumentException on an unknown name or a value out of range.
     */
    public static SelectionPolicy policy(String name, long seed, java.util.function.Function<Option<?>, Object> value) {
        double floor = (Double) value.apply(ANCHOR_FLOOR);
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case WeightedFifoPolicy.NAME -> new WeightedFifoPolicy((Double) value.apply(FIFO_LEARNING_RATE), floor);
            case ReservoirPolicy.NAME -> new ReservoirPolicy(seed);
            case RmsclPolicy.NAME -> RmsclPolicy.builder().topK((Integer) value.apply(RMSCL_TOP_K))
                    .lambda1((Double) value.apply(RMSCL_LAMBDA1)).lambda2((Double) value.apply(RMSCL_LAMBDA2))
                    .sweeps((Integer) value.apply(RMSCL_SWEEPS)).anchorFloor(floor)
                    .recentFraction((Double) value.apply(RMSCL_RECENT_FRACTION)).build();
            default -> throw new IllegalArgumentException("unknown selection policy '" + name + "' (use fifo, reservoir or rmscl)");
        };
    }
}

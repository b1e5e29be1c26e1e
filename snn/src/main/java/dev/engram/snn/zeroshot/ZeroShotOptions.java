package dev.engram.snn.zeroshot;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/** Options of the cross-modal projection heads ({@link ProjectionHead}) and their contrastive training ({@link CrossModalTrainer}). */
public final class ZeroShotOptions {
    private ZeroShotOptions() {}

    public static final Option<Integer> DIM = Option.ofInt("zeroshot.dim", 64,
            "Size of the shared embedding both heads project into (unit length).");
    public static final Option<Integer> HIDDEN = Option.ofInt("zeroshot.hidden", 128,
            "Width of each head's GELU layer (fully connected, then GELU, then a linear map to the embedding); 0 = linear head.");
    public static final Option<Double> TEMPERATURE = Option.ofDouble("zeroshot.temperature", 1.0,
            "Temperature of the symmetric InfoNCE loss over audio-vision similarities (the paper's 1.0).");
    public static final Option<Integer> STEPS = Option.ofInt("zeroshot.steps", 400,
            "Adam steps of the heads' training.");
    public static final Option<Integer> BATCH = Option.ofInt("zeroshot.batch", 64,
            "Audio-vision pairs per step; each pair is one sample of each modality of one (uniformly drawn) training class.");
    public static final Option<Double> LEARNING_RATE = Option.ofDouble("zeroshot.learning-rate", 1e-3,
            "Adam step size.");
    public static final Option<Double> WEIGHT_DECAY = Option.ofDouble("zeroshot.weight-decay", 1e-4,
            "Decoupled weight decay of the heads' weights (AdamW).");
    public static final Option<Long> SEED = Option.ofLong("zeroshot.seed", 5L,
            "Seed of the heads' initialisation and of the pairs drawn for training.");

    public static final List<Option<?>> ALL = List.of(DIM, HIDDEN, TEMPERATURE, STEPS, BATCH, LEARNING_RATE, WEIGHT_DECAY, SEED);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }
}

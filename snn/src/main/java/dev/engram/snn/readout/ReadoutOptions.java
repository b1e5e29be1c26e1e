package dev.engram.snn.readout;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/** Options of the readouts trained on reservoir (or baseline) features. */
public final class ReadoutOptions {
    private ReadoutOptions() {}

    public static final Option<String> KIND = Option.ofString("readout.kind", "ridge",
            "Readout trained on the features: ridge, logistic or contrastive (projection head + class prototypes).");
    public static final Option<Double> RIDGE_LAMBDA = Option.ofDouble("readout.ridge.lambda", 0.0,
            "Ridge penalty in multiples of the mean squared scaled sample norm; 0 picks it by leave-one-out accuracy.");
    public static final Option<String> RIDGE_SCALING = Option.of("readout.ridge.scaling", String.class, "standardize",
            "Feature scaling of the ridge readout: standardize (per-feature z-scores) or unit-length (each sample to unit length, then centred).",
            s -> {
                String t = s.trim();
                RidgeClassifier.Scaling.parse(t); // refuses an unknown value when it is set, not when the readout trains
                return t;
            });
    public static final Option<Double> LOGISTIC_L2 = Option.ofDouble("readout.logistic.l2", 1e-3,
            "L2 penalty of multinomial logistic regression (per weight, on standardised features).");
    public static final Option<Integer> LOGISTIC_ITERATIONS = Option.ofInt("readout.logistic.iterations", 150,
            "Full-batch L-BFGS iterations of logistic regression.");
    public static final Option<Integer> PROJECTION_DIM = Option.ofInt("readout.contrastive.dim", 64,
            "Embedding size of the contrastive projection head.");
    public static final Option<Double> TEMPERATURE = Option.ofDouble("readout.contrastive.temperature", 0.1,
            "Temperature of the supervised contrastive (InfoNCE) loss.");
    public static final Option<Integer> EPOCHS = Option.ofInt("readout.contrastive.epochs", 30,
            "Passes over the training data of the projection head.");
    public static final Option<Integer> BATCH = Option.ofInt("readout.contrastive.batch", 128,
            "Mini-batch size of the projection head (the in-batch negatives).");
    public static final Option<Double> LEARNING_RATE = Option.ofDouble("readout.contrastive.learning-rate", 3e-3,
            "Adam step size of the projection head.");
    public static final Option<Long> SEED = Option.ofLong("readout.seed", 7L,
            "Seed of weight initialisation and mini-batch order.");

    public static final List<Option<?>> ALL = List.of(KIND, RIDGE_LAMBDA, RIDGE_SCALING, LOGISTIC_L2, LOGISTIC_ITERATIONS,
            PROJECTION_DIM, TEMPERATURE, EPOCHS, BATCH, LEARNING_RATE, SEED);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }

    /**
     * Trains the readout named by {@link #KIND} on originals {@code xo, yo} and augmented rows: the
     * readout is fitted on {@code xAll, yAll} (originals and copies); a ridge penalty chosen
     * automatically is chosen by leave-one-out on the originals alone.
     */
    public static Classifier trainAugmented(OptionSet o, float[][] xo, int[] yo, float[][] xAll, int[] yAll, int classes) {
        if (o.get(KIND).equals("ridge")) {
            RidgeClassifier.Scaling scaling = RidgeClassifier.Scaling.parse(o.get(RIDGE_SCALING));
            double l = o.get(RIDGE_LAMBDA);
            double relative = l > 0 ? l : RidgeClassifier.chooseRelative(xo, yo, classes, RidgeClassifier.DEFAULT_GRID, scaling);
            return RidgeClassifier.fitRelative(xAll, yAll, classes, relative, scaling);
        }
        return train(o, xAll, yAll, classes);
    }

    /** Trains the readout named by {@link #KIND} on {@code x, y}. */
    public static Classifier train(OptionSet o, float[][] x, int[] y, int classes) {
        String kind = o.get(KIND);
        return switch (kind) {
            case "ridge" -> {
                RidgeClassifier.Scaling scaling = RidgeClassifier.Scaling.parse(o.get(RIDGE_SCALING));
                double l = o.get(RIDGE_LAMBDA);
                yield l > 0 ? RidgeClassifier.fitRelative(x, y, classes, l, scaling) : RidgeClassifier.fitAuto(x, y, classes, RidgeClassifier.DEFAULT_GRID, scaling);
            }
            case "logistic" -> LogisticRegression.fit(x, y, classes, o.get(LOGISTIC_L2), o.get(LOGISTIC_ITERATIONS));
            case "contrastive" -> {
                ContrastiveHead head = ContrastiveHead.train(x, y, o);
                yield PrototypeClassifier.of(head, x, y, classes);
            }
            default -> throw new IllegalArgumentException("unknown readout.kind '" + kind + "' (ridge, logistic, contrastive)");
        };
    }
}

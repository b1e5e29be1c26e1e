package dev.engram.snn.eval;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/** Options of event-level training augmentation ({@link EventAugmentation}); copies 0 turns it off. */
public final class AugmentOptions {
    private AugmentOptions() {}

    public static final Option<Integer> COPIES = Option.ofInt("augment.copies", 0,
            "Augmented copies of each training sample added to the readout's training set (0 = none); test samples are never augmented.");
    public static final Option<Integer> SHIFT_PX = Option.ofInt("augment.shift-px", 2,
            "Largest shift in pixels (each axis, uniform, never both 0); events moved off the sensor are dropped.");
    public static final Option<Double> ROTATE_DEG = Option.ofDouble("augment.rotate-deg", 0.0,
            "Largest rotation about the sensor centre in degrees (uniform in +-); no mirror images.");
    public static final Option<Double> SCALE = Option.ofDouble("augment.scale", 0.0,
            "Largest relative scaling about the sensor centre (uniform factor in 1 +- scale).");
    public static final Option<Long> TIME_JITTER_US = Option.ofLong("augment.time-jitter-us", 0L,
            "Largest shift of an event's time in microseconds (uniform in +-), events then re-sorted by time.");
    public static final Option<Double> DROP = Option.ofDouble("augment.drop", 0.0,
            "Probability that an event is dropped.");
    public static final Option<Long> SEED = Option.ofLong("augment.seed", 11L,
            "Seed of the augmentations; copy c of sample i uses a stream split from it by (i, c).");

    public static final List<Option<?>> ALL = List.of(COPIES, SHIFT_PX, ROTATE_DEG, SCALE, TIME_JITTER_US, DROP, SEED);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }
}

package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventFormat;
import dev.engram.snn.lsm.LsmOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a folder of recordings holds, and the reservoir sized and tuned for it (same LIF code, other
 * values): {@link #VISION} for event cameras (N-MNIST), {@link #AUDIO} for sound through the cochlea
 * emulator (64 frequency channels x 1). The values were chosen by cross-validation on the shared
 * training data (docs/BENCHMARKS-events.md).
 */
public enum Modality {
    VISION,
    AUDIO;

    /** The modality of the first labelled recording under {@code dir} (audio when it is WAV or raw PCM). */
    public static Modality of(Path dir) throws IOException {
        List<Path> files = LabelledSamples.list(dir);
        if (files.isEmpty()) throw new IOException("no labelled recordings under " + dir);
        EventFormat f = EventFormat.detect(files.get(0));
        return f == EventFormat.WAV || f == EventFormat.PCM ? AUDIO : VISION;
    }

    /** The LSM options of this modality's reservoir. */
    public OptionSet lsm() {
        OptionSet o = LsmOptions.defaults();
        return switch (this) {
            case VISION -> o;
            // 64 channels x 2 polarities without pooling; words need finer time bins than saccades.
            // A longer membrane time constant than vision: 40 ms beat 20 ms by 1.8 points in 5-fold CV on 900 FSDD takes.
            case AUDIO -> o.with(LsmOptions.INPUT_POOL, 1).with(LsmOptions.FEATURE_BINS, 6).with(LsmOptions.TAU_MEMBRANE_MS, 40.0);
        };
    }

    /** The reservoir of this modality that {@code engram events zeroshot} encodes with, seeded. */
    public OptionSet zeroShotLsm(long seed) {
        return lsm().with(LsmOptions.SEED, seed);
    }

    /** Reservoir sizes compared when none are asked for. */
    public List<Integer> sizes() {
        return this == VISION ? List.of(1000) : List.of(1000);
    }
}

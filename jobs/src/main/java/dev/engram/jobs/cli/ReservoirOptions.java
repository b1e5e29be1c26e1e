package dev.engram.jobs.cli;

import dev.engram.operators.events.EventModel;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.zeroshot.ZeroShotModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How an event job reads recordings and encodes them: format, trained model or reservoir, windows, chunk size. */
final class ReservoirOptions {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", converter = EventsCommand.FormatConverter.class,
            description = "auto|nmnist|evt2|evt3|dat|aedat4|es|csv|wav|pcm (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--model", paramLabel = "FILE", description = "Trained reservoir + readout ('events eval --save-model'), or a zero-shot model "
            + "('events zeroshot --save-model': audio and vision samples each through their own reservoir and head, told apart by sensor size); "
            + "without it, embeddings are written.")
    Path model;

    @Option(names = "--window-ms", paramLabel = "MS", defaultValue = "0",
            description = "Cut streams into windows of MS milliseconds; 0 = one sample per file (default: ${DEFAULT-VALUE}).")
    long windowMs;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "1000", description = "Reservoir size without --model (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Reservoir seed without --model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-events", paramLabel = "N", defaultValue = "65536", description = "Events per chunk read from a file (default: ${DEFAULT-VALUE}).")
    int batchEvents;

    /** Refuses values no job can use, as usage errors of {@code cl}. */
    void check(CommandLine cl) {
        if (windowMs < 0) throw new CommandLine.ParameterException(cl, "--window-ms must not be negative, got " + windowMs);
        if (neurons < 1) throw new CommandLine.ParameterException(cl, "--neurons must be positive, got " + neurons);
        if (batchEvents < 16) throw new CommandLine.ParameterException(cl, "--batch-events must be at least 16, got " + batchEvents);
    }

    /** The trained model of {@code --model}, or null. */
    EventModel trained() throws IOException {
        return model == null ? null : EventModel.load(model);
    }

    /**
     * The reservoir operator of {@code --model}: a zero-shot model embeds each audio or vision sample
     * with its own reservoir and head (whole files only: {@code --window-ms} is then a usage error of
     * {@code cl}); an event model classifies; without a model, features are emitted.
     */
    EventReservoirFunction function(CommandLine cl) throws IOException {
        if (model != null && ZeroShotModel.isModelFile(model)) {
            if (windowMs != 0) throw new CommandLine.ParameterException(cl, "--window-ms: a zero-shot model reads whole samples, one per file");
            return EventReservoirFunction.zeroShot(ZeroShotModel.load(model));
        }
        return function(trained());
    }

    /** The reservoir operator: classifying with the trained model, else emitting embeddings; per file or per window. */
    EventReservoirFunction function(EventModel trained) {
        long windowUs = windowMs * 1000;
        if (trained != null) return windowUs == 0 ? EventReservoirFunction.samples(trained) : EventReservoirFunction.windows(trained, windowUs);
        OptionSet lsm = LsmOptions.defaults().with(LsmOptions.NEURONS, neurons).with(LsmOptions.SEED, seed);
        return windowUs == 0 ? EventReservoirFunction.samples(lsm) : EventReservoirFunction.windows(lsm, windowUs);
    }
}

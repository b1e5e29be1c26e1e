package dev.engram.snn.eval;

import dev.engram.snn.readout.ReadoutOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs {@link NmnistEvaluation} as the future CLI will. Args: TRAIN_DIR TEST_DIR [NEURONS,..] [FOLDS] [SEED] [READOUT]. */
public final class NmnistEvalRun {
    public static void main(String[] args) throws Exception {
        NmnistEvaluation.Options o = NmnistEvaluation.Options.defaults();
        if (args.length > 2) o = o.withNeurons(Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList());
        if (args.length > 3) o = o.withFolds(Integer.parseInt(args[3]));
        if (args.length > 4) o = o.withSeed(Long.parseLong(args[4]));
        if (args.length > 5) o = o.withReadout(o.readout().with(ReadoutOptions.KIND, args[5]));
        long t0 = System.nanoTime();
        NmnistEvaluation.Result r = NmnistEvaluation.run(Path.of(args[0]), Path.of(args[1]), o);
        System.out.println(r.toJson());
        System.out.printf("elapsed %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}

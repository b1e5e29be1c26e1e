package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.BinnedCountFeatures;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.CrossValidation;
import dev.engram.snn.readout.ReadoutOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Tuning helper (not a test): 5-fold CV of one LSM configuration against the baseline. Args: TRAIN_DIR key=value... */
public final class LsmExperiment {
    public static void main(String[] args) throws Exception {
        LabelledSamples train = LabelledSamples.load(Path.of(args[0]));
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        OptionSet lsm = LsmOptions.defaults().withKnown(kv);
        OptionSet ro = ReadoutOptions.defaults().withKnown(kv);
        int[] y = train.labels();
        int[] folds = CrossValidation.stratifiedFolds(y, 5, 1);
        boolean baseline = Boolean.parseBoolean(kv.getOrDefault("baseline", "false"));
        if (baseline) {
            float[][] xb = FeatureMatrix.encode(new BinnedCountFeatures(34, 34, 3), train.samples());
            long t0 = System.nanoTime();
            double acc = CrossValidation.accuracy(xb, y, folds, 5, (x, yy) -> ReadoutOptions.train(ro, x, yy, 10));
            System.out.printf("baseline cv=%.4f (%.1fs)%n", acc, (System.nanoTime() - t0) / 1e9);
        }
        LifReservoir r = LifReservoir.build(lsm, 34, 34);
        ReservoirFeatures enc = new ReservoirFeatures(r);
        long t0 = System.nanoTime();
        float[][] x = FeatureMatrix.encode(enc, train.samples());
        double encS = (System.nanoTime() - t0) / 1e9;
        double spikes = 0, nz = 0;
        for (float[] row : x) for (float v : row) { spikes += v; if (v > 0) nz++; }
        t0 = System.nanoTime();
        double acc = CrossValidation.accuracy(x, y, folds, 5, (xx, yy) -> ReadoutOptions.train(ro, xx, yy, 10));
        System.out.printf("%s lsm cv=%.4f spikes/sample=%.0f active=%.3f enc=%.1f/s cv=%.1fs%n", kv, acc,
                spikes / x.length, nz / x.length / x[0].length, x.length / encS, (System.nanoTime() - t0) / 1e9);
    }
}

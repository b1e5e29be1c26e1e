package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.BinnedCountFeatures;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.lsm.SampleEncoder;
import dev.engram.snn.readout.Classifier;
import dev.engram.snn.readout.CrossValidation;
import dev.engram.snn.readout.ReadoutOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The logic behind {@code engram events eval --train DIR --test DIR [--neurons N] [--folds K] [--seed S]}:
 * N-MNIST folders laid out {@code <label>/<file>.bin}. For each reservoir size, the train samples are
 * encoded by a seeded LIF reservoir ({@link ReservoirFeatures}) and the readout is scored by stratified
 * K-fold cross-validation; the size with the best CV accuracy (ties: the smaller) is trained on all
 * train samples and scored on the test samples. The baseline, measured in the same run with the same
 * readout and folds, uses per-pixel, per-polarity event counts in the same time bins
 * ({@link BinnedCountFeatures}). Single-threaded and deterministic for a seed: the seed drives the
 * reservoir ({@code lsm.seed}), the folds and the readout ({@code readout.seed}).
 *
 * <p>Failure behaviour: a folder without samples or an undecodable file raises {@link IOException}; a
 * truncated file contributes its whole events. A caller that runs the test folder elsewhere (such as a
 * Flink job) uses {@link #train} and then {@link Model#predict}.
 */
public final class NmnistEvaluation {
    public static final int CLASSES = 10;
    public static final int SIDE = 34;

    private NmnistEvaluation() {}

    /**
     * Settings of a run. {@code neurons}: reservoir sizes to compare (the issue asks for at least three);
     * {@code lsm} and {@code readout}: the option sets, whose seeds are replaced by {@code seed}.
     */
    public record Options(List<Integer> neurons, int folds, long seed, OptionSet lsm, OptionSet readout) {
        public Options {
            neurons = List.copyOf(neurons);
            if (neurons.isEmpty()) throw new IllegalArgumentException("need at least one reservoir size");
            if (folds < 2) throw new IllegalArgumentException("need at least 2 folds");
        }

        /** Sizes 500, 1000 and 2000; 5 folds; seed 1; default LSM and readout options. */
        public static Options defaults() {
            return new Options(List.of(500, 1000, 2000), 5, 1L, LsmOptions.defaults(), ReadoutOptions.defaults());
        }

        public Options withNeurons(List<Integer> n) { return new Options(n, folds, seed, lsm, readout); }
        public Options withFolds(int k) { return new Options(neurons, k, seed, lsm, readout); }
        public Options withSeed(long s) { return new Options(neurons, folds, s, lsm, readout); }
        public Options withLsm(OptionSet o) { return new Options(neurons, folds, seed, o, readout); }
        public Options withReadout(OptionSet o) { return new Options(neurons, folds, seed, lsm, o); }

        OptionSet lsmFor(int n) {
            return lsm.with(LsmOptions.NEURONS, n).with(LsmOptions.SEED, seed);
        }

        OptionSet readoutSeeded() {
            return readout.with(ReadoutOptions.SEED, seed);
        }
    }

    /** Cross-validation of one reservoir size. */
    public record SizeResult(int neurons, double cvAccuracy, double encodeSamplesPerSecond, double spikesPerSample,
            double synapticEventsPerSample) {}

    /** A trained model: reservoir, its readout, and the baseline readout. */
    public record Model(LifReservoir reservoir, Classifier readout, Classifier baseline) {
        public int predict(EventBatch sample) {
            ReservoirFeatures f = new ReservoirFeatures(reservoir);
            float[] x = new float[f.dimension()];
            f.encode(sample, x);
            return readout.predict(x);
        }

        public int predictBaseline(EventBatch sample) {
            BinnedCountFeatures f = baselineEncoder(reservoir.options());
            float[] x = new float[f.dimension()];
            f.encode(sample, x);
            return baseline.predict(x);
        }
    }

    /** Result of a run; accuracies are fractions in [0, 1] (NaN, written as null, when there is no test folder). */
    public record Result(double accuracy, int n, double baselineAccuracy, double cvAccuracy, double cvBaselineAccuracy,
            int trainSamples, int folds, long seed, int neurons, String readout, List<SizeResult> sizes) {

        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            b.append("\"accuracy\":").append(num(accuracy));
            b.append(",\"n\":").append(n);
            b.append(",\"baselineAccuracy\":").append(num(baselineAccuracy));
            b.append(",\"cvAccuracy\":").append(num(cvAccuracy));
            b.append(",\"cvBaselineAccuracy\":").append(num(cvBaselineAccuracy));
            b.append(",\"trainSamples\":").append(trainSamples);
            b.append(",\"folds\":").append(folds);
            b.append(",\"seed\":").append(seed);
            b.append(",\"neurons\":").append(neurons);
            b.append(",\"readout\":\"").append(readout.replace("\"", "")).append('"');
            b.append(",\"sizes\":[");
            for (int i = 0; i < sizes.size(); i++) {
                SizeResult s = sizes.get(i);
                if (i > 0) b.append(',');
                b.append("{\"neurons\":").append(s.neurons())
                        .append(",\"cvAccuracy\":").append(num(s.cvAccuracy()))
                        .append(",\"encodeSamplesPerSecond\":").append(num(s.encodeSamplesPerSecond()))
                        .append(",\"spikesPerSample\":").append(num(s.spikesPerSample()))
                        .append(",\"synapticEventsPerSample\":").append(num(s.synapticEventsPerSample())).append('}');
            }
            return b.append("]}").toString();
        }

        private static String num(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
        }
    }

    static BinnedCountFeatures baselineEncoder(OptionSet lsm) {
        return new BinnedCountFeatures(SIDE, SIDE, lsm.get(LsmOptions.FEATURE_BINS));
    }

    /** Runs the whole evaluation; {@code testDir} may be null to skip the test folder. */
    public static Result run(Path trainDir, Path testDir, Options o) throws IOException {
        LabelledSamples train = LabelledSamples.load(trainDir);
        LabelledSamples test = testDir == null ? null : LabelledSamples.load(testDir);
        return run(train, test, o);
    }

    /** As {@link #run(Path, Path, Options)} on samples already in memory. */
    public static Result run(LabelledSamples train, LabelledSamples test, Options o) {
        Trained t = trainAndValidate(train, o);
        double acc = Double.NaN, baseAcc = Double.NaN;
        int n = 0;
        if (test != null) {
            n = test.size();
            float[][] xt = FeatureMatrix.encode(new ReservoirFeatures(t.model.reservoir()), test.samples());
            float[][] bt = FeatureMatrix.encode(baselineEncoder(o.lsm()), test.samples());
            int[] yt = test.labels();
            acc = Classifier.accuracy(t.model.readout(), xt, yt);
            baseAcc = Classifier.accuracy(t.model.baseline(), bt, yt);
        }
        return new Result(acc, n, baseAcc, t.cvAccuracy, t.cvBaseline, train.size(), o.folds(), o.seed(),
                t.model.reservoir().neurons(), o.readout().get(ReadoutOptions.KIND), t.sizes);
    }

    /** Cross-validates every size and returns the model of the best one, trained on all of {@code train}. */
    public static Model train(LabelledSamples train, Options o) {
        return trainAndValidate(train, o).model;
    }

    /** A trained model with its cross-validation figures (reservoir and baseline, every size tried). */
    public record Trained(Model model, double cvAccuracy, double cvBaseline, List<SizeResult> sizes) {}

    /**
     * Cross-validates every reservoir size in {@code o} against the binned-count baseline on the same
     * folds, and trains the best size's readout and the baseline on all of {@code train}.
     */
    public static Trained trainAndValidate(LabelledSamples train, Options o) {
        int[] y = train.labels();
        int[] folds = CrossValidation.stratifiedFolds(y, o.folds(), o.seed());
        OptionSet ro = o.readoutSeeded();
        CrossValidation.Trainer trainer = (x, yy) -> ReadoutOptions.train(ro, x, yy, CLASSES);

        float[][] xb = FeatureMatrix.encode(baselineEncoder(o.lsm()), train.samples());
        double cvBaseline = CrossValidation.accuracy(xb, y, folds, o.folds(), trainer);

        List<SizeResult> sizes = new ArrayList<>();
        double best = -1;
        LifReservoir bestReservoir = null;
        float[][] bestX = null;
        for (int neurons : o.neurons()) {
            LifReservoir r = LifReservoir.build(o.lsmFor(neurons), SIDE, SIDE);
            ReservoirFeatures enc = new ReservoirFeatures(r);
            long spikes = 0, syn = 0;
            float[][] x = new float[train.size()][];
            long t0 = System.nanoTime();
            for (int i = 0; i < x.length; i++) {
                x[i] = new float[enc.dimension()];
                enc.encode(train.samples().get(i), x[i]);
                spikes += enc.state().spikes();
                syn += enc.state().synapticEvents();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cv = CrossValidation.accuracy(x, y, folds, o.folds(), trainer);
            sizes.add(new SizeResult(neurons, cv, x.length / seconds, spikes / (double) x.length, syn / (double) x.length));
            if (cv > best) {
                best = cv;
                bestReservoir = r;
                bestX = x;
            }
        }
        Classifier readout = trainer.train(bestX, y);
        Classifier baseline = trainer.train(xb, y);
        return new Trained(new Model(bestReservoir, readout, baseline), best, cvBaseline, sizes);
    }
}

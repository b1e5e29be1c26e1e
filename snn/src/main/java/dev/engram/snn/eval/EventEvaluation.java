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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logic behind {@code engram events eval}: labelled folders of event recordings, N-MNIST digits or
 * spoken digits through the cochlea ({@link LabelledSamples}). Each candidate setting (a reservoir
 * size, or one of a preset's reservoirs; see {@link Options}) encodes the train samples through a
 * seeded LIF reservoir ({@link ReservoirFeatures}) and its readout is scored by cross-validation, on K
 * stratified folds or with one speaker held out per fold ({@link Folds}). The baseline, measured in the
 * same run with the run's readout and augmentation (not a candidate's overrides) and the same folds, uses per-channel, per-polarity event counts
 * in the same time bins ({@link BinnedCountFeatures}).
 *
 * <p>With several candidates the one with the best CV accuracy (ties: the earlier) is trained on all
 * train samples and scored on the test samples; since that CV figure chose the candidate, the run
 * also reports a nested CV figure, where inner folds inside each outer training part choose and only
 * the outer folds score. With one candidate both figures are the same.
 *
 * <p>Augmentation ({@link AugmentOptions}) adds shifted, rotated, jittered copies of the training
 * part's samples to the readout's training set of every fold (never to what is scored). A ridge
 * readout then picks its penalty by leave-one-out on the original samples only (a left-out sample's
 * own copies would otherwise vouch for it) and is fitted on originals and copies.
 *
 * <p>Single-threaded and deterministic for a seed: the seed drives the reservoirs ({@code lsm.seed}),
 * the folds and the readout ({@code readout.seed}). Failure behaviour: a folder without samples or an
 * undecodable file raises {@link IOException}; a truncated file contributes its whole events. A caller
 * that runs the test folder elsewhere (such as a Flink job) uses {@link #train} and then
 * {@link Model#predict}.
 */
public final class EventEvaluation {
    public static final int CLASSES = 10;

    private EventEvaluation() {}

    /** Cross-validation folds: {@code k} stratified folds (seeded), or one fold per speaker ({@code k} = 0). */
    public record Folds(int k, boolean bySpeaker) {
        public static final Folds SPEAKER = new Folds(0, true);

        public Folds {
            if (!bySpeaker && k < 2) throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }

        public static Folds stratified(int k) {
            return new Folds(k, false);
        }

        /** {@code K} (an integer of at least 2) or {@code speaker}. */
        public static Folds parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("speaker")) return SPEAKER;
            try {
                return stratified(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("folds must be a number K >= 2 or 'speaker', got '" + text + "'");
            }
        }

        /** Fold index of every sample; speaker folds need a speaker for every sample and at least two speakers. */
        public int[] assign(int[] labels, String[] groups, long seed) {
            return bySpeaker ? CrossValidation.groupFolds(groups) : CrossValidation.stratifiedFolds(labels, k, seed);
        }

        @Override
        public String toString() {
            return bySpeaker ? "speaker" : String.valueOf(k);
        }
    }

    /**
     * One setting to cross-validate: a name for reports, the reservoir's LSM options (seed included), and
     * readout and augmentation options that override the run's for this candidate (keys as
     * {@code readout.*} and {@code augment.*}; empty for none). Candidates with equal LSM and
     * augmentation options share one encoding of the samples.
     */
    public record Candidate(String name, OptionSet lsm, Map<String, String> readout, Map<String, String> augment) {
        public Candidate {
            readout = Map.copyOf(readout);
            augment = Map.copyOf(augment);
        }

        public Candidate(String name, OptionSet lsm) {
            this(name, lsm, Map.of(), Map.of());
        }

        public Candidate(String name, OptionSet lsm, Map<String, String> readout) {
            this(name, lsm, readout, Map.of());
        }

        /** This candidate with other LSM options, the readout and augmentation overrides kept. */
        public Candidate withLsm(OptionSet other) {
            return new Candidate(name, other, readout, augment);
        }

        /** The value this candidate sets for {@code key} (a {@code readout.*} or {@code augment.*} key), or null. */
        public String override(String key) {
            return readout.containsKey(key) ? readout.get(key) : augment.get(key);
        }

        /** The run's readout options with this candidate's overrides. */
        OptionSet readoutOf(OptionSet run) {
            return run.withKnown(readout);
        }

        /** The run's augmentation with this candidate's overrides. */
        OptionSet augmentOf(OptionSet run) {
            return run.withKnown(augment);
        }
    }

    /**
     * Settings of a run: the candidate reservoirs, the folds, the seed (of folds and readout), the
     * readout options, the augmentation of training samples, and the inner folds of the nested CV.
     */
    public record Options(List<Candidate> candidates, Folds folds, long seed, OptionSet readout, OptionSet augment,
            int innerFolds) {
        public Options {
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) throw new IllegalArgumentException("need at least one candidate reservoir");
            if (innerFolds < 2) throw new IllegalArgumentException("need at least 2 inner folds");
        }

        /** One candidate per reservoir size: {@code lsm} with that many neurons and {@code lsm.seed = seed}. */
        public static Options sizes(List<Integer> neurons, OptionSet lsm, Folds folds, long seed, OptionSet readout) {
            if (neurons.isEmpty()) throw new IllegalArgumentException("need at least one reservoir size");
            List<Candidate> c = new ArrayList<>();
            for (int n : neurons) c.add(new Candidate("lsm-" + n, lsm.with(LsmOptions.NEURONS, n).with(LsmOptions.SEED, seed)));
            return new Options(c, folds, seed, readout, AugmentOptions.defaults(), 4);
        }

        /** Sizes 500, 1000 and 2000 of the default reservoir; 5 folds; seed 1; default readout; no augmentation. */
        public static Options defaults() {
            return sizes(List.of(500, 1000, 2000), LsmOptions.defaults(), Folds.stratified(5), 1L, ReadoutOptions.defaults());
        }

        public Options withCandidates(List<Candidate> c) { return new Options(c, folds, seed, readout, augment, innerFolds); }
        public Options withFolds(Folds f) { return new Options(candidates, f, seed, readout, augment, innerFolds); }
        public Options withReadout(OptionSet r) { return new Options(candidates, folds, seed, r, augment, innerFolds); }
        public Options withAugment(OptionSet a) { return new Options(candidates, folds, seed, readout, a, innerFolds); }
        public Options withInnerFolds(int k) { return new Options(candidates, folds, seed, readout, augment, k); }

        OptionSet readoutSeeded() {
            return readout.with(ReadoutOptions.SEED, seed);
        }

        /** Time bins of the baseline: those of the first candidate. */
        int baselineBins() {
            return candidates.get(0).lsm().get(LsmOptions.FEATURE_BINS);
        }
    }

    /** Cross-validation of one candidate; {@code neurons} of its reservoir on the train sensor. */
    public record SizeResult(String name, int neurons, double cvAccuracy, double encodeSamplesPerSecond, double spikesPerSample,
            double synapticEventsPerSample) {}

    /** A trained model: reservoir, its readout, and the baseline readout with its time bins. */
    public record Model(LifReservoir reservoir, Classifier readout, Classifier baseline, int baselineBins) {
        public int predict(EventBatch sample) {
            ReservoirFeatures f = new ReservoirFeatures(reservoir);
            float[] x = new float[f.dimension()];
            f.encode(sample, x);
            return readout.predict(x);
        }

        public int predictBaseline(EventBatch sample) {
            BinnedCountFeatures f = new BinnedCountFeatures(reservoir.sensorWidth(), reservoir.sensorHeight(), baselineBins);
            float[] x = new float[f.dimension()];
            f.encode(sample, x);
            return baseline.predict(x);
        }
    }

    /**
     * Result of a run; accuracies are fractions in [0, 1] (NaN, written as null, when there is no test
     * folder). {@code cvAccuracy} is the chosen candidate's (selected on itself when there were several),
     * {@code nestedCvAccuracy} the figure no choice was tuned on.
     */
    public record Result(double accuracy, int n, double baselineAccuracy, double cvAccuracy, double cvBaselineAccuracy,
            double nestedCvAccuracy, int trainSamples, Folds folds, int foldCount, long seed, String chosen, int neurons,
            String readout, int augmentCopies, List<SizeResult> sizes) {

        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            b.append("\"accuracy\":").append(num(accuracy));
            b.append(",\"n\":").append(n);
            b.append(",\"baselineAccuracy\":").append(num(baselineAccuracy));
            b.append(",\"cvAccuracy\":").append(num(cvAccuracy));
            b.append(",\"cvBaselineAccuracy\":").append(num(cvBaselineAccuracy));
            b.append(",\"nestedCvAccuracy\":").append(num(nestedCvAccuracy));
            b.append(",\"trainSamples\":").append(trainSamples);
            b.append(",\"folds\":").append(foldCount);
            b.append(",\"foldBy\":\"").append(folds.bySpeaker() ? "speaker" : "stratified").append('"');
            b.append(",\"seed\":").append(seed);
            b.append(",\"chosen\":\"").append(chosen.replace("\"", "")).append('"');
            b.append(",\"neurons\":").append(neurons);
            b.append(",\"readout\":\"").append(readout.replace("\"", "")).append('"');
            b.append(",\"augmentCopies\":").append(augmentCopies);
            b.append(",\"sizes\":[");
            for (int i = 0; i < sizes.size(); i++) {
                SizeResult s = sizes.get(i);
                if (i > 0) b.append(',');
                b.append("{\"name\":\"").append(s.name().replace("\"", "")).append('"')
                        .append(",\"neurons\":").append(s.neurons())
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
            int ok = 0, baseOk = 0;
            for (int i = 0; i < n; i++) {
                if (t.model.predict(test.samples().get(i)) == test.label(i)) ok++;
                if (t.model.predictBaseline(test.samples().get(i)) == test.label(i)) baseOk++;
            }
            acc = n == 0 ? Double.NaN : ok / (double) n;
            baseAcc = n == 0 ? Double.NaN : baseOk / (double) n;
        }
        return new Result(acc, n, baseAcc, t.cvAccuracy, t.cvBaseline, t.nestedCvAccuracy, train.size(), o.folds(), t.foldCount,
                o.seed(), t.chosen, t.model.reservoir().neurons(), o.readout().get(ReadoutOptions.KIND),
                t.augmentCopies, t.sizes);
    }

    /** Cross-validates every candidate and returns the model of the best one, trained on all of {@code train}. */
    public static Model train(LabelledSamples train, Options o) {
        return trainAndValidate(train, o).model;
    }

    /** A trained model with its cross-validation figures (reservoir and baseline, every candidate tried). */
    public record Trained(Model model, String chosen, double cvAccuracy, double cvBaseline, double nestedCvAccuracy,
            int foldCount, List<SizeResult> sizes, int augmentCopies) {}

    /** Original and augmented feature rows of every train sample under one encoder. */
    private record Encoded(float[][] x, float[][][] copies) {}

    /**
     * Cross-validates every candidate against the binned-count baseline on the same folds (nested when
     * there are several candidates), and trains the best candidate's readout and the baseline on all of
     * {@code train}.
     */
    public static Trained trainAndValidate(LabelledSamples train, Options o) {
        int[] y = train.labels();
        int[] folds = o.folds().assign(y, train.groups(), o.seed());
        int k = CrossValidation.count(folds);
        OptionSet ro = o.readoutSeeded();
        EventAugmentation aug = new EventAugmentation(o.augment());
        int w = train.width(), h = train.height();

        Encoded base = encode(train, new BinnedCountFeatures(w, h, o.baselineBins()), aug, null);
        double cvBaseline = crossValidate(base, y, folds, k, ro, allIndices(y.length));

        List<SizeResult> sizes = new ArrayList<>();
        List<Encoded> encoded = new ArrayList<>();
        List<OptionSet> readouts = new ArrayList<>();
        List<LifReservoir> reservoirs = new ArrayList<>();
        // Candidates that differ only in their readout share the encoding (and its throughput figures).
        Map<List<OptionSet>, Integer> firstWithLsm = new HashMap<>();
        double best = -1;
        int bestIndex = 0;
        for (Candidate c : o.candidates()) {
            OptionSet augOptions = c.augmentOf(o.augment());
            List<OptionSet> encodingKey = List.of(c.lsm(), augOptions);
            Integer same = firstWithLsm.get(encodingKey);
            LifReservoir r;
            Encoded e;
            double rate, spikes, synaptic;
            if (same != null) {
                r = reservoirs.get(same);
                e = encoded.get(same);
                SizeResult s = sizes.get(same);
                rate = s.encodeSamplesPerSecond();
                spikes = s.spikesPerSample();
                synaptic = s.synapticEventsPerSample();
            } else {
                r = LifReservoir.build(c.lsm(), w, h);
                long[] counters = new long[3];
                long t0 = System.nanoTime();
                e = encode(train, new ReservoirFeatures(r), new EventAugmentation(augOptions), counters);
                double seconds = (System.nanoTime() - t0) / 1e9;
                // every encoded sample counts, copies included, so candidates with and without copies compare
                rate = counters[0] * (1.0 + e.copies.length) / seconds;
                spikes = counters[1] / (double) counters[0];
                synaptic = counters[2] / (double) counters[0];
                firstWithLsm.put(encodingKey, sizes.size());
            }
            OptionSet cro = c.readoutOf(ro);
            double cv = crossValidate(e, y, folds, k, cro, allIndices(y.length));
            sizes.add(new SizeResult(c.name(), r.neurons(), cv, rate, spikes, synaptic));
            encoded.add(e);
            readouts.add(cro);
            reservoirs.add(r);
            if (cv > best) {
                best = cv;
                bestIndex = sizes.size() - 1;
            }
        }
        double nested = encoded.size() == 1 ? best : nestedCrossValidate(encoded, readouts, y, train.groups(), folds, k, o);
        int[] all = allIndices(y.length);
        Classifier readout = fit(encoded.get(bestIndex), y, all, readouts.get(bestIndex));
        int chosenCopies = encoded.get(bestIndex).copies.length;
        Classifier baseline = fit(base, y, all, ro);
        Model model = new Model(reservoirs.get(bestIndex), readout, baseline, o.baselineBins());
        return new Trained(model, o.candidates().get(bestIndex).name(), best, cvBaseline, nested, k, sizes, chosenCopies);
    }

    private static int[] allIndices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** Encodes every sample and its augmented copies; {@code counters} (if given) receive samples, spikes and synaptic events of the originals. */
    private static Encoded encode(LabelledSamples s, SampleEncoder enc, EventAugmentation aug, long[] counters) {
        int n = s.size();
        float[][] x = new float[n][];
        float[][][] copies = new float[aug.copies()][n][];
        ReservoirFeatures rf = enc instanceof ReservoirFeatures f ? f : null;
        for (int i = 0; i < n; i++) {
            EventBatch sample = s.samples().get(i);
            x[i] = new float[enc.dimension()];
            enc.encode(sample, x[i]);
            if (counters != null && rf != null) {
                counters[0]++;
                counters[1] += rf.state().spikes();
                counters[2] += rf.state().synapticEvents();
            }
            for (int c = 0; c < aug.copies(); c++) {
                copies[c][i] = new float[enc.dimension()];
                enc.encode(aug.apply(sample, i, c, s.width(), s.height()), copies[c][i]);
            }
        }
        return new Encoded(x, copies);
    }

    /** Pooled out-of-fold accuracy over the samples {@code subset}; {@code folds} index into all samples. */
    private static double crossValidate(Encoded e, int[] y, int[] folds, int k, OptionSet ro, int[] subset) {
        int correct = 0, total = 0;
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
            for (int i : subset) (folds[i] == f ? te : tr).add(i);
            if (te.isEmpty() || tr.isEmpty()) continue;
            Classifier c = fit(e, y, tr.stream().mapToInt(Integer::intValue).toArray(), ro);
            for (int i : te) {
                if (c.predict(e.x[i]) == y[i]) correct++;
                total++;
            }
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    /**
     * Outer folds score, inner folds choose: within each outer training part the candidates are
     * cross-validated on inner folds (stratified, or the remaining speakers), the best is fitted on
     * the whole outer training part and scores the outer test fold.
     */
    private static double nestedCrossValidate(List<Encoded> encoded, List<OptionSet> readouts, int[] y, String[] groups,
            int[] folds, int k, Options o) {
        int correct = 0, total = 0;
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
            for (int i = 0; i < y.length; i++) (folds[i] == f ? te : tr).add(i);
            if (te.isEmpty()) continue;
            int[] train = tr.stream().mapToInt(Integer::intValue).toArray();
            int[] inner = innerFolds(train, y, groups, o, f);
            int innerK = CrossValidation.count(inner);
            int[] innerOfAll = new int[y.length];
            for (int a = 0; a < train.length; a++) innerOfAll[train[a]] = inner[a];
            int choice = 0;
            double best = -1;
            for (int c = 0; c < encoded.size(); c++) {
                double acc = crossValidate(encoded.get(c), y, innerOfAll, innerK, readouts.get(c), train);
                if (acc > best) {
                    best = acc;
                    choice = c;
                }
            }
            Classifier cl = fit(encoded.get(choice), y, train, readouts.get(choice));
            for (int i : te) {
                if (cl.predict(encoded.get(choice).x[i]) == y[i]) correct++;
                total++;
            }
        }
        return correct / (double) total;
    }

    private static int[] innerFolds(int[] train, int[] y, String[] groups, Options o, int outer) {
        if (o.folds().bySpeaker()) {
            String[] g = new String[train.length];
            for (int a = 0; a < train.length; a++) g[a] = groups[train[a]];
            return CrossValidation.groupFolds(g);
        }
        int[] yy = new int[train.length];
        for (int a = 0; a < train.length; a++) yy[a] = y[train[a]];
        return CrossValidation.stratifiedFolds(yy, o.innerFolds(), o.seed() * 31 + outer + 1);
    }

    /**
     * The readout on samples {@code idx} and their augmented copies. A ridge readout whose penalty is
     * chosen automatically chooses it on the originals and is then fitted on all rows.
     */
    static Classifier fit(Encoded e, int[] y, int[] idx, OptionSet ro) {
        int copies = e.copies.length;
        float[][] xo = new float[idx.length][];
        int[] yo = new int[idx.length];
        for (int a = 0; a < idx.length; a++) {
            xo[a] = e.x[idx[a]];
            yo[a] = y[idx[a]];
        }
        if (copies == 0) return ReadoutOptions.train(ro, xo, yo, CLASSES);
        float[][] xa = new float[idx.length * (1 + copies)][];
        int[] ya = new int[xa.length];
        int m = 0;
        for (int a = 0; a < idx.length; a++) {
            xa[m] = xo[a];
            ya[m++] = yo[a];
            for (int c = 0; c < copies; c++) {
                xa[m] = e.copies[c][idx[a]];
                ya[m++] = yo[a];
            }
        }
        return ReadoutOptions.trainAugmented(ro, xo, yo, xa, ya, CLASSES);
    }
}

package dev.engram.snn.zeroshot;

import dev.engram.snn.OptionSet;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.ContrastiveHead;
import dev.engram.snn.readout.CrossValidation;
import dev.engram.snn.readout.PrototypeClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The logic of {@code engram events zeroshot}: vision recordings (N-MNIST) and spoken digits run
 * through their own fixed reservoirs; a projection head per modality is trained on the training
 * classes only ({@link CrossModalTrainer}); then each test audio sample retrieves one of the vision
 * candidates, one per evaluated class ({@link Retrieval}), for the seen classes (the training
 * classes), the unseen classes (the test classes, never trained on) and all of them together
 * (generalized). Scores are averaged over {@code seeds} rounds of candidate draws.
 *
 * <p>Data: with test folders the heads train on the train folders and every query and candidate comes
 * from the test folders; without them each modality's samples are split into K stratified folds and
 * each fold is queried (and draws its candidates) after training on the other folds' training-class
 * samples, so no query or candidate was trained on.
 *
 * <p>Baseline, on the same features and folds: one {@link PrototypeClassifier} per modality
 * (contrastive head with class prototypes, {@code readout.*} options) trained on the same
 * training-class samples; a sample is represented by its cosine similarities to the training-class
 * prototypes, and a query retrieves the candidate whose similarity profile is closest. Seen classes
 * this way go through class labels; unseen ones can only be told apart by which seen classes they
 * resemble in each modality.
 *
 * <p>Deterministic for the seeds in the options. Failure: an evaluated class without vision
 * candidates, or training classes neither modality has, raise {@link IllegalArgumentException}.
 */
public final class ZeroShotEvaluation {
    private ZeroShotEvaluation() {}

    /**
     * Settings: class sets, folds (used without test folders), rounds of candidate draws, the two
     * reservoirs' LSM options (seeds included), the heads' and the baseline's options.
     */
    public record Options(int[] trainClasses, int[] testClasses, int folds, int seeds, OptionSet visionLsm, OptionSet audioLsm,
            OptionSet heads, OptionSet baselineReadout) {
        public Options {
            trainClasses = trainClasses.clone();
            testClasses = testClasses.clone();
            if (trainClasses.length == 0 || testClasses.length == 0) throw new IllegalArgumentException("need training and test classes");
            for (int c : testClasses) for (int t : trainClasses) {
                if (c == t) throw new IllegalArgumentException("class " + c + " is both a training and a test class");
            }
            if (folds < 2) throw new IllegalArgumentException("need at least 2 folds");
            if (seeds < 1) throw new IllegalArgumentException("need at least one seed");
        }

        /** Seen, unseen and all evaluated classes, ascending. */
        int[] all() {
            TreeSet<Integer> s = new TreeSet<>();
            for (int c : trainClasses) s.add(c);
            for (int c : testClasses) s.add(c);
            return s.stream().mapToInt(Integer::intValue).toArray();
        }

        long[] roundSeeds() {
            long[] s = new long[seeds];
            for (int i = 0; i < seeds; i++) s[i] = 1000L + i;
            return s;
        }
    }

    /** Retrieval accuracies (fractions) of the heads and of the baseline, chance levels, and what was run. */
    public record Result(double seenAccuracy, double unseenAccuracy, double generalizedAccuracy, double chanceSeen,
            double chanceUnseen, double chanceGeneralized, double baselineSeenAccuracy, double baselineUnseenAccuracy,
            double baselineGeneralizedAccuracy, int seeds, int folds, long queriesSeen, long queriesUnseen, int visionSamples,
            int audioSamples, int[] trainClasses, int[] testClasses) {

        /** The JSON object of {@code engram events zeroshot --json}. */
        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            field(b, "seenAccuracy", seenAccuracy);
            field(b, "unseenAccuracy", unseenAccuracy);
            field(b, "generalizedAccuracy", generalizedAccuracy);
            field(b, "chanceSeen", chanceSeen);
            field(b, "chanceUnseen", chanceUnseen);
            field(b, "chanceGeneralized", chanceGeneralized);
            field(b, "baselineSeenAccuracy", baselineSeenAccuracy);
            field(b, "baselineUnseenAccuracy", baselineUnseenAccuracy);
            field(b, "baselineGeneralizedAccuracy", baselineGeneralizedAccuracy);
            b.append("\"seeds\":").append(seeds).append(',');
            b.append("\"folds\":").append(folds).append(',');
            b.append("\"queriesSeen\":").append(queriesSeen).append(',');
            b.append("\"queriesUnseen\":").append(queriesUnseen).append(',');
            b.append("\"visionSamples\":").append(visionSamples).append(',');
            b.append("\"audioSamples\":").append(audioSamples).append(',');
            b.append("\"trainClasses\":").append(Arrays.toString(trainClasses).replace(" ", "")).append(',');
            b.append("\"testClasses\":").append(Arrays.toString(testClasses).replace(" ", ""));
            return b.append('}').toString();
        }

        private static void field(StringBuilder b, String name, double v) {
            b.append('"').append(name).append("\":").append(jsonNumber(v)).append(',');
        }

        /** A figure as this JSON writes it: six significant digits, or null for NaN and infinities. */
        public static String jsonNumber(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
        }
    }

    /** Features of one modality's samples through its reservoir. */
    public record Encoded(float[][] x, int[] y) {
        int[] where(int[] classes, int[] folds, int fold, boolean inFold) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                boolean f = folds == null || (folds[i] == fold) == inFold;
                if (f && contains(classes, y[i])) out.add(i);
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Encodes samples through a reservoir with {@code lsm} options on their sensor. */
    public static Encoded encode(LabelledSamples s, OptionSet lsm) {
        LifReservoir r = LifReservoir.build(lsm, s.width(), s.height());
        ReservoirFeatures f = new ReservoirFeatures(r);
        float[][] x = new float[s.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[f.dimension()];
            f.encode(s.samples().get(i), x[i]);
        }
        return new Encoded(x, s.labels());
    }

    /** Runs the evaluation; {@code visionTest} and {@code audioTest} are both given or both null (then K folds). */
    public static Result run(LabelledSamples vision, LabelledSamples audio, LabelledSamples visionTest, LabelledSamples audioTest,
            Options o) {
        if ((visionTest == null) != (audioTest == null)) throw new IllegalArgumentException("give both test folders or neither");
        Encoded v = encode(vision, o.visionLsm()), a = encode(audio, o.audioLsm());
        Encoded vt = visionTest == null ? null : encode(visionTest, o.visionLsm());
        Encoded at = audioTest == null ? null : encode(audioTest, o.audioLsm());
        return run(v, a, vt, at, o);
    }

    /** As {@link #run(LabelledSamples, LabelledSamples, LabelledSamples, LabelledSamples, Options)} on encoded features. */
    public static Result run(Encoded vision, Encoded audio, Encoded visionTest, Encoded audioTest, Options o) {
        int[] seen = o.trainClasses(), unseen = o.testClasses(), all = o.all();
        long[] seeds = o.roundSeeds();
        Tally heads = new Tally(), base = new Tally();
        int folds;
        if (visionTest != null) {
            folds = 1;
            evaluateSplit(vision, audio, vision.where(seen, null, 0, true), audio.where(seen, null, 0, true), visionTest, audioTest,
                    visionTest.where(all, null, 0, true), audioTest.where(all, null, 0, true), o, seeds, heads, base);
        } else {
            folds = o.folds();
            int[] fv = CrossValidation.stratifiedFolds(vision.y(), folds, o.heads().get(ZeroShotOptions.SEED));
            int[] fa = CrossValidation.stratifiedFolds(audio.y(), folds, o.heads().get(ZeroShotOptions.SEED) + 1);
            for (int f = 0; f < folds; f++) {
                evaluateSplit(vision, audio, vision.where(seen, fv, f, false), audio.where(seen, fa, f, false), vision, audio,
                        vision.where(all, fv, f, true), audio.where(all, fa, f, true), o, seeds, heads, base);
            }
        }
        return new Result(heads.seen.accuracy(), heads.unseen.accuracy(), heads.all.accuracy(), 1.0 / seen.length,
                1.0 / unseen.length, 1.0 / all.length, base.seen.accuracy(), base.unseen.accuracy(), base.all.accuracy(),
                seeds.length, folds, heads.seen.queries() / seeds.length, heads.unseen.queries() / seeds.length,
                vision.y().length + (visionTest == null ? 0 : visionTest.y().length),
                audio.y().length + (audioTest == null ? 0 : audioTest.y().length), seen, unseen);
    }

    /**
     * Every split of {@code classes} that holds two of them out: heads trained on the other classes,
     * scored on the two held out (and the rest as seen), with the folds, seeds and settings of
     * {@code o}. With two unseen classes a split's unseen figure is close to all-or-nothing (both classes
     * land on the right candidate or both on the wrong one), so one split says little; the spread over
     * all of them says how much the heads carry to classes they never saw. Splits run in parallel.
     */
    public static List<Result> holdOutPairs(Encoded vision, Encoded audio, Encoded visionTest, Encoded audioTest, int[] classes,
            Options o) {
        List<Options> splits = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            for (int j = i + 1; j < classes.length; j++) {
                int[] test = {classes[i], classes[j]};
                int[] train = new int[classes.length - 2];
                for (int k = 0, t = 0; k < classes.length; k++) if (k != i && k != j) train[t++] = classes[k];
                splits.add(new Options(train, test, o.folds(), o.seeds(), o.visionLsm(), o.audioLsm(), o.heads(), o.baselineReadout()));
            }
        }
        // Splits share only read-only features and are seeded on their own, so running them on all cores
        // changes no figure; the list keeps the order of the splits.
        return splits.parallelStream().map(split -> run(vision, audio, visionTest, audioTest, split)).toList();
    }

    /**
     * The model for the multimodal job: heads trained on every training-class sample of {@code vision}
     * and {@code audio}, anchors of every class present (unseen ones included) from all their samples.
     */
    public static ZeroShotModel trainModel(LabelledSamples vision, LabelledSamples audio, Encoded v, Encoded a, Options o) {
        int[] seen = o.trainClasses();
        int[] vi = v.where(seen, null, 0, true), ai = a.where(seen, null, 0, true);
        CrossModalHeads h = CrossModalTrainer.train(rows(a.x(), ai), rows(a.y(), ai), rows(v.x(), vi), rows(v.y(), vi), o.heads());
        int classes = 0;
        for (int c : o.all()) classes = Math.max(classes, c + 1);
        for (int c : v.y()) classes = Math.max(classes, c + 1);
        for (int c : a.y()) classes = Math.max(classes, c + 1);
        double[][] ev = new double[v.y().length][], ea = new double[a.y().length][];
        for (int i = 0; i < ev.length; i++) ev[i] = h.vision().embed(v.x()[i]);
        for (int i = 0; i < ea.length; i++) ea[i] = h.audio().embed(a.x()[i]);
        return new ZeroShotModel(new ZeroShotModel.Side(o.visionLsm(), vision.width(), vision.height()),
                new ZeroShotModel.Side(o.audioLsm(), audio.width(), audio.height()), h,
                ZeroShotModel.anchors(ev, v.y(), classes), ZeroShotModel.anchors(ea, a.y(), classes));
    }

    /** Retrieval tallies of the seen, unseen and all classes. */
    private static final class Tally {
        Retrieval.Tally seen = Retrieval.Tally.NONE, unseen = Retrieval.Tally.NONE, all = Retrieval.Tally.NONE;
    }

    /** Trains on the given training rows, embeds the query (audio) and candidate (vision) rows and tallies retrieval. */
    private static void evaluateSplit(Encoded v, Encoded a, int[] vTrain, int[] aTrain, Encoded vq, Encoded aq, int[] vTest,
            int[] aTest, Options o, long[] seeds, Tally heads, Tally base) {
        float[][] xv = rows(v.x(), vTrain), xa = rows(a.x(), aTrain);
        int[] yv = rows(v.y(), vTrain), ya = rows(a.y(), aTrain);
        CrossModalHeads h = CrossModalTrainer.train(xa, ya, xv, yv, o.heads());
        double[][] qa = new double[aTest.length][], cv = new double[vTest.length][];
        for (int i = 0; i < aTest.length; i++) qa[i] = h.audio().embed(aq.x()[aTest[i]]);
        for (int i = 0; i < vTest.length; i++) cv[i] = h.vision().embed(vq.x()[vTest[i]]);
        int[] qy = rows(aq.y(), aTest), cy = rows(vq.y(), vTest);
        tally(heads, qa, qy, cv, cy, o, seeds);

        int[] seen = o.trainClasses();
        PrototypeClassifier pa = prototypes(xa, ya, seen, o.baselineReadout());
        PrototypeClassifier pv = prototypes(xv, yv, seen, o.baselineReadout());
        double[][] ba = new double[aTest.length][], bv = new double[vTest.length][];
        for (int i = 0; i < aTest.length; i++) ba[i] = profile(pa, aq.x()[aTest[i]], seen);
        for (int i = 0; i < vTest.length; i++) bv[i] = profile(pv, vq.x()[vTest[i]], seen);
        tally(base, ba, qy, bv, cy, o, seeds);
    }

    private static void tally(Tally t, double[][] q, int[] qy, double[][] c, int[] cy, Options o, long[] seeds) {
        t.seen = t.seen.plus(Retrieval.run(q, qy, c, cy, o.trainClasses(), seeds));
        t.unseen = t.unseen.plus(Retrieval.run(q, qy, c, cy, o.testClasses(), seeds));
        t.all = t.all.plus(Retrieval.run(q, qy, c, cy, o.all(), seeds));
    }

    /** A prototype classifier over the training classes, relabelled 0..n-1. */
    private static PrototypeClassifier prototypes(float[][] x, int[] y, int[] classes, OptionSet readout) {
        int[] local = new int[y.length];
        for (int i = 0; i < y.length; i++) local[i] = indexOf(classes, y[i]);
        ContrastiveHead head = ContrastiveHead.train(x, local, readout);
        return PrototypeClassifier.of(head, x, local, classes.length);
    }

    /** A sample's cosine similarities to the training-class prototypes, as a unit vector. */
    private static double[] profile(PrototypeClassifier p, float[] x, int[] classes) {
        double[] s = p.scores(x);
        double n = 0;
        for (double v : s) n += v * v;
        n = Math.sqrt(n);
        if (n > 0) for (int k = 0; k < s.length; k++) s[k] /= n;
        return s;
    }

    private static float[][] rows(float[][] x, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]];
        return out;
    }

    private static int[] rows(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = y[idx[i]];
        return out;
    }

    static boolean contains(int[] a, int v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }
}

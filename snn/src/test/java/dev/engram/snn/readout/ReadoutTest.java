package dev.engram.snn.readout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.OptionSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReadoutTest {

    /** Gaussian blobs: class c is centred at a seeded random point, well apart from the others. */
    record Blobs(float[][] x, int[] y) {}

    static Blobs blobs(int classes, int perClass, int dim, double spread, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) for (int j = 0; j < dim; j++) c[j] = 4 * (rnd.nextDouble() - 0.5);
        float[][] x = new float[classes * perClass][dim];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % classes;
            for (int j = 0; j < dim; j++) x[i][j] = (float) (centres[y[i]][j] + spread * gauss(rnd));
        }
        return new Blobs(x, y);
    }

    static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static Classifier roundTrip(Classifier c) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        c.write(new DataOutputStream(bos));
        return Readouts.read(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
    }

    @Test
    void ridgeSeparatesSeparableClasses() throws IOException {
        Blobs train = blobs(5, 40, 20, 0.3, 1);
        Blobs test = blobs(5, 40, 20, 0.3, 1);
        RidgeClassifier c = RidgeClassifier.fitAuto(train.x(), train.y(), 5, RidgeClassifier.DEFAULT_GRID);
        assertThat(Classifier.accuracy(c, test.x(), test.y())).isGreaterThanOrEqualTo(0.99);
        Classifier back = roundTrip(c);
        assertThat(back).isInstanceOf(RidgeClassifier.class);
        assertThat(back.scores(test.x()[3])).isEqualTo(c.scores(test.x()[3]));
    }

    @Test
    void ridgeWithFixedLambdaMatchesDirectSolution() {
        // One feature, two classes: the dual solution equals the 1-d closed form w = sum(z t) / (sum(z^2) + lambda).
        float[][] x = {{1}, {2}, {3}, {4}};
        int[] y = {0, 0, 1, 1};
        RidgeClassifier c = RidgeClassifier.fit(x, y, 2, 1.0);
        double[] z = {-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738};
        double[] t = {-1, -1, 1, 1};
        double num = 0, den = 1.0;
        for (int i = 0; i < 4; i++) {
            num += z[i] * t[i];
            den += z[i] * z[i];
        }
        double w = num / den;
        assertThat(c.scores(new float[] {4})[1]).isCloseTo(w * z[3], org.assertj.core.api.Assertions.within(1e-9));
    }

    /**
     * Classes told apart by which features are active, each sample at a random overall intensity
     * (0.1x to 10x): unit-length scaling classifies by the pattern, so its scores do not move when a
     * sample is scaled, and the scaling survives a round trip (format version 2).
     */
    @Test
    void unitLengthRidgeClassifiesByPatternWhateverTheIntensity() throws IOException {
        int classes = 4, dim = 40;
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] x = new float[200][dim];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % classes;
            double scale = Math.exp(Math.log(0.1) + rnd.nextDouble() * Math.log(100));
            for (int j = 0; j < dim; j++) {
                double active = j % classes == y[i] ? 1 : 0.2;
                x[i][j] = (float) (scale * active * (1 + 0.3 * rnd.nextDouble()));
            }
        }
        float[][] trainX = java.util.Arrays.copyOfRange(x, 0, 120), testX = java.util.Arrays.copyOfRange(x, 120, 200);
        int[] trainY = java.util.Arrays.copyOfRange(y, 0, 120), testY = java.util.Arrays.copyOfRange(y, 120, 200);
        RidgeClassifier c = RidgeClassifier.fitAuto(trainX, trainY, classes, RidgeClassifier.DEFAULT_GRID,
                RidgeClassifier.Scaling.UNIT_LENGTH);
        assertThat(c.scaling()).isEqualTo(RidgeClassifier.Scaling.UNIT_LENGTH);
        assertThat(Classifier.accuracy(c, testX, testY)).isEqualTo(1.0);
        float[] sample = testX[7], louder = new float[dim];
        for (int j = 0; j < dim; j++) louder[j] = 37 * sample[j];
        assertThat(c.scores(louder)).containsExactly(c.scores(sample), org.assertj.core.api.Assertions.within(1e-5));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.write(new DataOutputStream(bytes));
        assertThat(java.nio.ByteBuffer.wrap(bytes.toByteArray()).getInt(8)).as("format version").isEqualTo(2);
        Classifier back = roundTrip(c);
        assertThat(((RidgeClassifier) back).scaling()).isEqualTo(RidgeClassifier.Scaling.UNIT_LENGTH);
        assertThat(back.scores(louder)).isEqualTo(c.scores(louder));
    }

    /**
     * The leave-one-out scores the penalty is chosen by equal refitting without each sample in turn
     * (bias and centring refitted too), at a large and at a tiny penalty; the tiny one is where
     * ignoring the bias's refit made every sample look perfectly predicted.
     */
    @Test
    void leaveOneOutScoresEqualRefitsWithoutEachSample() {
        Blobs b = blobs(3, 8, 40, 1.5, 9);
        for (double lambda : new double[] {0.5, 1e-4}) {
            double[][] loo = RidgeClassifier.leaveOneOutScores(b.x(), b.y(), 3, lambda, RidgeClassifier.Scaling.UNIT_LENGTH);
            for (int i = 0; i < b.x().length; i++) {
                float[][] rest = new float[b.x().length - 1][];
                int[] restY = new int[rest.length];
                for (int j = 0, m = 0; j < b.x().length; j++) {
                    if (j == i) continue;
                    rest[m] = b.x()[j];
                    restY[m++] = b.y()[j];
                }
                RidgeClassifier refit = RidgeClassifier.fit(rest, restY, 3, lambda, RidgeClassifier.Scaling.UNIT_LENGTH);
                assertThat(loo[i]).as("sample %d, lambda %s", i, lambda)
                        .containsExactly(refit.scores(b.x()[i]), org.assertj.core.api.Assertions.within(1e-7));
            }
        }
    }

    /** Standardised ridge models keep the bytes they had before the scaling flag existed (version 1), so old readers and fixtures agree. */
    @Test
    void standardisedRidgeIsStillWrittenAsVersionOne() throws IOException {
        Blobs train = blobs(3, 20, 6, 0.3, 2);
        RidgeClassifier c = RidgeClassifier.fitAuto(train.x(), train.y(), 3, RidgeClassifier.DEFAULT_GRID);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.write(new DataOutputStream(bytes));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.toByteArray());
        assertThat(b.getInt(8)).as("format version").isEqualTo(1);
        assertThat(b.getDouble(12)).as("lambda right after the header").isEqualTo(c.lambda());
        assertThat(((RidgeClassifier) roundTrip(c)).scaling()).isEqualTo(RidgeClassifier.Scaling.STANDARDIZE);
    }

    @Test
    void ridgeScalingOptionRefusesUnknownValues() {
        OptionSet o = ReadoutOptions.defaults();
        assertThat(o.withText("readout.ridge.scaling", "unit-length").get(ReadoutOptions.RIDGE_SCALING)).isEqualTo("unit-length");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> o.withText("readout.ridge.scaling", "l2"))
                .hasMessageContaining("standardize, unit-length");
    }

    @Test
    void logisticRegressionSeparatesSeparableClasses() throws IOException {
        Blobs train = blobs(4, 50, 10, 0.4, 2);
        LogisticRegression c = LogisticRegression.fit(train.x(), train.y(), 4, 1e-3, 100);
        assertThat(Classifier.accuracy(c, train.x(), train.y())).isGreaterThanOrEqualTo(0.99);
        assertThat(roundTrip(c).scores(train.x()[0])).isEqualTo(c.scores(train.x()[0]));
    }

    @Test
    void contrastiveHeadClassifiesUnseenClassesByPrototypes() throws IOException {
        Blobs all = blobs(10, 40, 24, 0.5, 3);
        // Head trained on classes 0-5 only; classes 6-9 appear only as 5 prototype examples each.
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        java.util.List<Integer> shots = new java.util.ArrayList<>();
        java.util.List<Integer> query = new java.util.ArrayList<>();
        int[] shotCount = new int[10];
        for (int i = 0; i < all.y().length; i++) {
            int c = all.y()[i];
            if (c < 6) seen.add(i);
            else if (shotCount[c]++ < 5) shots.add(i);
            else query.add(i);
        }
        OptionSet o = ReadoutOptions.defaults().with(ReadoutOptions.PROJECTION_DIM, 16).with(ReadoutOptions.EPOCHS, 40)
                .with(ReadoutOptions.BATCH, 64).with(ReadoutOptions.LEARNING_RATE, 1e-2);
        ContrastiveHead head = ContrastiveHead.train(rows(all.x(), seen), labels(all.y(), seen), o);
        PrototypeClassifier zeroShot = PrototypeClassifier.of(head, rows(all.x(), shots), labels(all.y(), shots), 10);
        double acc = Classifier.accuracy(zeroShot, rows(all.x(), query), labels(all.y(), query));
        assertThat(acc).isGreaterThanOrEqualTo(0.9);
        Classifier back = roundTrip(zeroShot);
        assertThat(back.scores(all.x()[0])).isEqualTo(zeroShot.scores(all.x()[0]));
        // Seeded: a second training gives the same head.
        ContrastiveHead again = ContrastiveHead.train(rows(all.x(), seen), labels(all.y(), seen), o);
        assertThat(again.embed(all.x()[7])).isEqualTo(head.embed(all.x()[7]));
    }

    @Test
    void contrastiveTrainingLowersTheLoss() {
        Blobs b = blobs(4, 30, 12, 0.8, 4);
        int[] idx = new int[b.y().length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        OptionSet o = ReadoutOptions.defaults().with(ReadoutOptions.PROJECTION_DIM, 8);
        ContrastiveHead untrained = ContrastiveHead.train(b.x(), b.y(), o.with(ReadoutOptions.EPOCHS, 0));
        ContrastiveHead trained = ContrastiveHead.train(b.x(), b.y(), o.with(ReadoutOptions.EPOCHS, 20));
        assertThat(meanPositiveCosine(trained, b) - meanNegativeCosine(trained, b))
                .isGreaterThan(meanPositiveCosine(untrained, b) - meanNegativeCosine(untrained, b) + 0.1);
    }

    private static double meanPositiveCosine(ContrastiveHead h, Blobs b) {
        return meanCosine(h, b, true);
    }

    private static double meanNegativeCosine(ContrastiveHead h, Blobs b) {
        return meanCosine(h, b, false);
    }

    private static double meanCosine(ContrastiveHead h, Blobs b, boolean same) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < b.y().length; i++) {
            for (int j = i + 1; j < b.y().length; j++) {
                if ((b.y()[i] == b.y()[j]) != same) continue;
                s += DenseMath.dot(h.embed(b.x()[i]), h.embed(b.x()[j]));
                n++;
            }
        }
        return s / n;
    }

    private static float[][] rows(float[][] x, java.util.List<Integer> idx) {
        float[][] r = new float[idx.size()][];
        for (int a = 0; a < r.length; a++) r[a] = x[idx.get(a)];
        return r;
    }

    private static int[] labels(int[] y, java.util.List<Integer> idx) {
        return idx.stream().mapToInt(i -> y[i]).toArray();
    }
}

package dev.engram.snn.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One-vs-rest ridge regression classifier on standardised features, solved in closed form. Targets
 * are +1 for the sample's class and -1 for the others; each class gets a weight vector and a bias
 * (the training target mean). The system is solved in its dual (kernel) form
 * {@code alpha = (Z Z^T + lambda I)^-1 (Y - mean)}, {@code W = Z^T alpha}, by Cholesky: cost
 * O(n^2 d + n^3) for n samples of d features, so it suits the few-thousand-sample regime of N-MNIST
 * subsets with features wider than the sample count.
 *
 * <p>Features are standardised per feature, or (unit-length scaling) each sample is scaled to unit
 * Euclidean length and then centred by the training mean: with thousands of sparse count features,
 * per-feature z-scores give a rarely active feature as much say as a busy one, while unit length keeps
 * the features' own proportions and removes the sample's overall activity.
 *
 * <p>{@link #fitAuto} picks lambda from a grid by leave-one-out accuracy from the dual form, no refits
 * ({@link #looResiduals}: exact for unit-length samples; with standardisation the per-feature scales are
 * not re-estimated without the left-out sample), ties broken by the lower leave-one-out squared error.
 * Deterministic: no randomness at all.
 */
public final class RidgeClassifier implements Classifier {
    static final int TAG = 1;
    /** Version 2 adds the scaling flag; standardised models are still written as version 1, the bytes they always had. */
    public static final int VERSION = 2;

    /** Lambda grid of {@link #fitAuto}, as multiples of the mean squared norm of a scaled sample. */
    public static final double[] DEFAULT_GRID = {0.01, 0.03, 0.1, 0.3, 1.0, 3.0};

    /** How features are scaled before the ridge sees them. */
    public enum Scaling {
        /** Each feature to zero mean and unit variance over the training samples. */
        STANDARDIZE,
        /** Each sample to unit Euclidean length, then centred by the training mean. */
        UNIT_LENGTH;

        /** Parses {@code standardize} or {@code unit-length}. */
        public static Scaling parse(String text) {
            return switch (text) {
                case "standardize" -> STANDARDIZE;
                case "unit-length" -> UNIT_LENGTH;
                default -> throw new IllegalArgumentException("unknown ridge scaling '" + text + "' (standardize, unit-length)");
            };
        }
    }

    private final Scaling scaling;
    private final Standardizer standardizer;
    private final double[][] weights; // [class][feature]
    private final double[] bias;
    private final double lambda;
    /** The grid value {@link #fitAuto} chose, or NaN. */
    private double relativeLambda = Double.NaN;

    RidgeClassifier(Scaling scaling, Standardizer standardizer, double[][] weights, double[] bias, double lambda) {
        this.scaling = scaling;
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
        this.lambda = lambda;
    }

    /** Fits with a fixed lambda (absolute, in units of the standardised Gram matrix). */
    public static RidgeClassifier fit(float[][] x, int[] y, int classes, double lambda) {
        return fit(x, y, classes, lambda, Scaling.STANDARDIZE);
    }

    /** As {@link #fit(float[][], int[], int, double)} with the given feature scaling. */
    public static RidgeClassifier fit(float[][] x, int[] y, int classes, double lambda, Scaling scaling) {
        Prepared p = prepare(x, y, classes, scaling);
        double[][] l = DenseMath.cholesky(p.gram, lambda);
        double[][] alpha = p.centred();
        DenseMath.choleskySolve(l, alpha);
        return p.build(alpha, lambda);
    }

    /** Fits with lambda = {@code relative} times the mean squared norm of a standardised sample. */
    public static RidgeClassifier fitRelative(float[][] x, int[] y, int classes, double relative) {
        return fitRelative(x, y, classes, relative, Scaling.STANDARDIZE);
    }

    /** As {@link #fitRelative(float[][], int[], int, double)} with the given feature scaling. */
    public static RidgeClassifier fitRelative(float[][] x, int[] y, int classes, double relative, Scaling scaling) {
        Prepared p = prepare(x, y, classes, scaling);
        double meanDiag = 0;
        for (int i = 0; i < x.length; i++) meanDiag += p.gram[i][i];
        double lambda = relative * Math.max(1e-12, meanDiag / x.length);
        double[][] l = DenseMath.cholesky(p.gram, lambda);
        double[][] alpha = p.centred();
        DenseMath.choleskySolve(l, alpha);
        return p.build(alpha, lambda);
    }

    /**
     * The entry of {@code grid} (multiples of the mean squared standardised sample norm) that
     * {@link #fitAuto} would choose on these samples: for training sets with augmented copies, choose it
     * on the originals (their leave-one-out is not fooled by a left-out sample's copies) and fit all
     * with {@link #fitRelative}.
     */
    public static double chooseRelative(float[][] x, int[] y, int classes, double[] grid) {
        return chooseRelative(x, y, classes, grid, Scaling.STANDARDIZE);
    }

    /** As {@link #chooseRelative(float[][], int[], int, double[])} with the given feature scaling. */
    public static double chooseRelative(float[][] x, int[] y, int classes, double[] grid, Scaling scaling) {
        return fitAuto(x, y, classes, grid, scaling).relativeLambda;
    }

    /** Fits with lambda chosen by leave-one-out accuracy over {@code grid} (multiples of the mean Gram diagonal). */
    public static RidgeClassifier fitAuto(float[][] x, int[] y, int classes, double[] grid) {
        return fitAuto(x, y, classes, grid, Scaling.STANDARDIZE);
    }

    /** As {@link #fitAuto(float[][], int[], int, double[])} with the given feature scaling. */
    public static RidgeClassifier fitAuto(float[][] x, int[] y, int classes, double[] grid, Scaling scaling) {
        Prepared p = prepare(x, y, classes, scaling);
        int n = x.length;
        double meanDiag = 0;
        for (int i = 0; i < n; i++) meanDiag += p.gram[i][i];
        meanDiag = Math.max(1e-12, meanDiag / n);
        double bestAcc = -1, bestErr = Double.POSITIVE_INFINITY, bestLambda = grid[0] * meanDiag, bestRelative = grid[0];
        double[][] bestAlpha = null;
        for (double g : grid) {
            double lambda = g * meanDiag;
            LeaveOneOut loo = leaveOneOut(p, lambda);
            double[][] alpha = loo.alpha(), residuals = loo.residuals();
            int ok = 0;
            double err = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double target = y[i] == c ? 1 : -1;
                    double residual = residuals[i][c];
                    double score = target - residual;
                    err += residual * residual;
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                if (best == y[i]) ok++;
            }
            double acc = ok / (double) n;
            if (acc > bestAcc || (acc == bestAcc && err < bestErr)) {
                bestAcc = acc;
                bestErr = err;
                bestLambda = lambda;
                bestRelative = g;
                bestAlpha = alpha;
            }
        }
        RidgeClassifier c = p.build(bestAlpha, bestLambda);
        c.relativeLambda = bestRelative;
        return c;
    }

    /** The dual solution at one penalty and its leave-one-out residuals (per sample and class). */
    private record LeaveOneOut(double[][] alpha, double[][] residuals) {}

    private static LeaveOneOut leaveOneOut(Prepared p, double lambda) {
        double[][] l = DenseMath.cholesky(p.gram, lambda);
        double[][] alpha = p.centred();
        DenseMath.choleskySolve(l, alpha);
        return new LeaveOneOut(alpha, looResiduals(alpha, DenseMath.inverseDiagonal(l), lambda));
    }

    /**
     * Leave-one-out residuals at {@code lambda} from the dual solution {@code alpha} and the diagonal
     * {@code aii} of {@code (K + lambda I)^-1}, for this model, whose bias is refitted, not penalised
     * (exact when the scaling fits nothing but the mean, as unit length does): the features are
     * centred, so the all-ones direction is in the Gram matrix's null space and contributes
     * {@code 1 / (n lambda)} to every {@code aii}; that part belongs to the bias and is taken out
     * ({@code r_i = alpha_i / (aii_i - 1 / (n lambda))}). Without it, small penalties looked perfect
     * (leave-one-out accuracy near 1) and were always chosen.
     */
    static double[][] looResiduals(double[][] alpha, double[] aii, double lambda) {
        int n = alpha.length;
        double bias = 1.0 / (n * lambda);
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            // Rounding can leave nothing: the others cannot predict this sample, so its residual is huge, not small.
            double d = Math.max(aii[i] - bias, 1e-12 * aii[i]);
            r[i] = new double[alpha[i].length];
            for (int c = 0; c < r[i].length; c++) r[i][c] = alpha[i][c] / d;
        }
        return r;
    }

    /** Leave-one-out scores (target minus residual, per class) at absolute {@code lambda}: what {@link #fitAuto} ranks penalties by. */
    static double[][] leaveOneOutScores(float[][] x, int[] y, int classes, double lambda, Scaling scaling) {
        double[][] r = leaveOneOut(prepare(x, y, classes, scaling), lambda).residuals();
        for (int i = 0; i < r.length; i++) for (int c = 0; c < classes; c++) r[i][c] = (y[i] == c ? 1 : -1) - r[i][c];
        return r;
    }

    private static Prepared prepare(float[][] x, int[] y, int classes, Scaling scaling) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need as many labels as samples, at least one");
        float[][] scaled = x;
        Standardizer s;
        if (scaling == Scaling.UNIT_LENGTH) {
            scaled = new float[x.length][];
            for (int i = 0; i < x.length; i++) scaled[i] = unitLength(x[i]);
            s = Standardizer.centre(scaled);
        } else {
            s = Standardizer.fit(x);
        }
        double[][] z = s.apply(scaled);
        return new Prepared(scaling, s, z, DenseMath.gram(z), y, classes);
    }

    /** {@code x} scaled to unit Euclidean length (a copy; all zeros stay zeros). */
    static float[] unitLength(float[] x) {
        double sq = 0;
        for (float v : x) sq += (double) v * v;
        float[] out = new float[x.length];
        if (sq == 0) return out;
        double inv = 1.0 / Math.sqrt(sq);
        for (int j = 0; j < x.length; j++) out[j] = (float) (x[j] * inv);
        return out;
    }

    private record Prepared(Scaling scaling, Standardizer s, double[][] z, double[][] gram, int[] y, int classes) {
        double[] means() {
            double[] m = new double[classes];
            for (int label : y) m[label] += 1;
            for (int c = 0; c < classes; c++) m[c] = (2 * m[c] - y.length) / y.length;
            return m;
        }

        double[][] centred() {
            double[] m = means();
            double[][] t = new double[y.length][classes];
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || y[i] >= classes) throw new IllegalArgumentException("label " + y[i] + " outside 0.." + (classes - 1));
                for (int c = 0; c < classes; c++) t[i][c] = (y[i] == c ? 1 : -1) - m[c];
            }
            return t;
        }

        RidgeClassifier build(double[][] alpha, double lambda) {
            int d = s.dimension();
            double[][] w = new double[classes][d];
            for (int i = 0; i < z.length; i++) {
                double[] zi = z[i];
                for (int c = 0; c < classes; c++) {
                    double a = alpha[i][c];
                    if (a == 0) continue;
                    double[] wc = w[c];
                    for (int j = 0; j < d; j++) wc[j] += a * zi[j];
                }
            }
            return new RidgeClassifier(scaling, s, w, means(), lambda);
        }
    }

    /** The lambda used (absolute). */
    public double lambda() { return lambda; }

    /** How features are scaled before the weights apply. */
    public Scaling scaling() { return scaling; }

    @Override
    public int classes() { return weights.length; }

    @Override
    public int dimension() { return standardizer.dimension(); }

    @Override
    public double[] scores(float[] features) {
        double[] z = standardizer.apply(scaling == Scaling.UNIT_LENGTH ? unitLength(features) : features);
        double[] s = new double[weights.length];
        for (int c = 0; c < s.length; c++) s[c] = bias[c] + DenseMath.dot(weights[c], z);
        return s;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        boolean unit = scaling == Scaling.UNIT_LENGTH;
        Readouts.writeHeader(out, TAG, unit ? VERSION : 1);
        out.writeDouble(lambda);
        if (unit) out.writeBoolean(true);
        standardizer.write(out);
        Readouts.writeMatrix(out, weights);
        Readouts.writeVector(out, bias);
    }

    static RidgeClassifier readBody(DataInput in, int version) throws IOException {
        if (version != 1 && version != VERSION) throw new IOException("unsupported ridge classifier version " + version);
        double lambda = in.readDouble();
        Scaling scaling = version >= 2 && in.readBoolean() ? Scaling.UNIT_LENGTH : Scaling.STANDARDIZE;
        Standardizer s = Standardizer.read(in);
        double[][] w = Readouts.readMatrix(in);
        double[] b = Readouts.readVector(in);
        if (w.length != b.length || (w.length > 0 && w[0].length != s.dimension())) throw new IOException("inconsistent ridge classifier shapes");
        return new RidgeClassifier(scaling, s, w, b, lambda);
    }
}

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
 * <p>{@link #fitAuto} picks lambda from a grid by exact leave-one-out accuracy (the dual form gives
 * leave-one-out residuals as {@code alpha_i / [(K + lambda I)^-1]_ii}, no refits), ties broken by the
 * lower leave-one-out squared error. Deterministic: no randomness at all.
 */
public final class RidgeClassifier implements Classifier {
    static final int TAG = 1;
    static final int VERSION = 1;

    /** Lambda grid of {@link #fitAuto}, as multiples of the mean squared norm of a standardised sample. */
    public static final double[] DEFAULT_GRID = {0.01, 0.03, 0.1, 0.3, 1.0, 3.0};

    private final Standardizer standardizer;
    private final double[][] weights; // [class][feature]
    private final double[] bias;
    private final double lambda;
    /** The grid value {@link #fitAuto} chose, or NaN. */
    private double relativeLambda = Double.NaN;

    RidgeClassifier(Standardizer standardizer, double[][] weights, double[] bias, double lambda) {
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
        this.lambda = lambda;
    }

    /** Fits with a fixed lambda (absolute, in units of the standardised Gram matrix). */
    public static RidgeClassifier fit(float[][] x, int[] y, int classes, double lambda) {
        Prepared p = prepare(x, y, classes);
        double[][] l = DenseMath.cholesky(p.gram, lambda);
        double[][] alpha = p.centred();
        DenseMath.choleskySolve(l, alpha);
        return p.build(alpha, lambda);
    }

    /** Fits with lambda = {@code relative} times the mean squared norm of a standardised sample. */
    public static RidgeClassifier fitRelative(float[][] x, int[] y, int classes, double relative) {
        Prepared p = prepare(x, y, classes);
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
        return fitAuto(x, y, classes, grid).relativeLambda;
    }

    /** Fits with lambda chosen by leave-one-out accuracy over {@code grid} (multiples of the mean Gram diagonal). */
    public static RidgeClassifier fitAuto(float[][] x, int[] y, int classes, double[] grid) {
        Prepared p = prepare(x, y, classes);
        int n = x.length;
        double meanDiag = 0;
        for (int i = 0; i < n; i++) meanDiag += p.gram[i][i];
        meanDiag = Math.max(1e-12, meanDiag / n);
        double bestAcc = -1, bestErr = Double.POSITIVE_INFINITY, bestLambda = grid[0] * meanDiag, bestRelative = grid[0];
        double[][] bestAlpha = null;
        for (double g : grid) {
            double lambda = g * meanDiag;
            double[][] l = DenseMath.cholesky(p.gram, lambda);
            double[][] alpha = p.centred();
            DenseMath.choleskySolve(l, alpha);
            double[] aii = DenseMath.inverseDiagonal(l);
            int ok = 0;
            double err = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double target = y[i] == c ? 1 : -1;
                    double residual = alpha[i][c] / aii[i];
                    double loo = target - residual;
                    err += residual * residual;
                    if (loo > bestScore) {
                        bestScore = loo;
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

    private static Prepared prepare(float[][] x, int[] y, int classes) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need as many labels as samples, at least one");
        Standardizer s = Standardizer.fit(x);
        double[][] z = s.apply(x);
        return new Prepared(s, z, DenseMath.gram(z), y, classes);
    }

    private record Prepared(Standardizer s, double[][] z, double[][] gram, int[] y, int classes) {
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
            return new RidgeClassifier(s, w, means(), lambda);
        }
    }

    /** The lambda used (absolute). */
    public double lambda() { return lambda; }

    @Override
    public int classes() { return weights.length; }

    @Override
    public int dimension() { return standardizer.dimension(); }

    @Override
    public double[] scores(float[] features) {
        double[] z = standardizer.apply(features);
        double[] s = new double[weights.length];
        for (int c = 0; c < s.length; c++) s[c] = bias[c] + DenseMath.dot(weights[c], z);
        return s;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Readouts.writeHeader(out, TAG, VERSION);
        out.writeDouble(lambda);
        standardizer.write(out);
        Readouts.writeMatrix(out, weights);
        Readouts.writeVector(out, bias);
    }

    static RidgeClassifier readBody(DataInput in, int version) throws IOException {
        if (version != VERSION) throw new IOException("unsupported ridge classifier version " + version);
        double lambda = in.readDouble();
        Standardizer s = Standardizer.read(in);
        double[][] w = Readouts.readMatrix(in);
        double[] b = Readouts.readVector(in);
        if (w.length != b.length || (w.length > 0 && w[0].length != s.dimension())) throw new IOException("inconsistent ridge classifier shapes");
        return new RidgeClassifier(s, w, b, lambda);
    }
}

package dev.engram.snn.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Multinomial (softmax) logistic regression on standardised features with an L2 penalty on the
 * weights (not the biases), minimised by full-batch L-BFGS (10 corrections, Armijo backtracking) for a
 * fixed number of iterations or until the gradient vanishes. Deterministic: zero initialisation and no
 * sampling, so no seed is needed.
 */
public final class LogisticRegression implements Classifier {
    static final int TAG = 2;
    static final int VERSION = 1;

    private final Standardizer standardizer;
    private final double[][] weights;
    private final double[] bias;

    LogisticRegression(Standardizer standardizer, double[][] weights, double[] bias) {
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
    }

    public static LogisticRegression fit(float[][] x, int[] y, int classes, double l2, int iterations) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need as many labels as samples, at least one");
        Standardizer s = Standardizer.fit(x);
        double[][] z = s.apply(x);
        int d = s.dimension();
        int dim = classes * (d + 1);
        Objective f = new Objective(z, y, classes, l2);
        double[] theta = Lbfgs.minimize(f, new double[dim], iterations);
        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(theta, c * (d + 1), w[c], 0, d);
            b[c] = theta[c * (d + 1) + d];
        }
        return new LogisticRegression(s, w, b);
    }

    /** Mean cross-entropy plus {@code l2/2 |W|^2}; parameters laid out per class: d weights then the bias. */
    private record Objective(double[][] z, int[] y, int classes, double l2) implements Lbfgs.Function {
        @Override
        public double valueAndGradient(double[] theta, double[] grad) {
            int d = z[0].length;
            int n = z.length;
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            double[] logits = new double[classes];
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    int off = c * (d + 1);
                    double v = theta[off + d];
                    for (int j = 0; j < d; j++) v += theta[off + j] * zi[j];
                    logits[c] = v;
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) sum += Math.exp(logits[c] - max);
                double logSum = max + Math.log(sum);
                loss += logSum - logits[y[i]];
                for (int c = 0; c < classes; c++) {
                    double g = (Math.exp(logits[c] - logSum) - (c == y[i] ? 1 : 0)) / n;
                    int off = c * (d + 1);
                    for (int j = 0; j < d; j++) grad[off + j] += g * zi[j];
                    grad[off + d] += g;
                }
            }
            loss /= n;
            for (int c = 0; c < classes; c++) {
                int off = c * (d + 1);
                for (int j = 0; j < d; j++) {
                    loss += 0.5 * l2 * theta[off + j] * theta[off + j];
                    grad[off + j] += l2 * theta[off + j];
                }
            }
            return loss;
        }
    }

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
        standardizer.write(out);
        Readouts.writeMatrix(out, weights);
        Readouts.writeVector(out, bias);
    }

    static LogisticRegression readBody(DataInput in, int version) throws IOException {
        if (version != VERSION) throw new IOException("unsupported logistic regression version " + version);
        Standardizer s = Standardizer.read(in);
        double[][] w = Readouts.readMatrix(in);
        double[] b = Readouts.readVector(in);
        if (w.length != b.length || (w.length > 0 && w[0].length != s.dimension())) throw new IOException("inconsistent logistic regression shapes");
        return new LogisticRegression(s, w, b);
    }
}

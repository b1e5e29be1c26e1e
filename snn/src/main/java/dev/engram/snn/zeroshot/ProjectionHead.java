package dev.engram.snn.zeroshot;

import dev.engram.snn.readout.Standardizer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One modality's projection head into the shared embedding: standardised features {@code z}, then
 * {@code e = normalize(W2 gelu(W1 z + b1) + b2)}, or {@code e = normalize(W z + b)} without a hidden
 * layer. All weights live in one flat parameter array ({@link #parameters()}), which the trainer
 * updates in place; the standardiser is fitted once on the training features and stays fixed.
 * Embeddings have unit length (a zero output stays zero). Not thread-safe while training.
 */
public final class ProjectionHead {
    static final int VERSION = 1;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private final Standardizer standardizer;
    private final int in;
    private final int hidden;
    private final int out;
    final double[] params;

    ProjectionHead(Standardizer standardizer, int hidden, int out, double[] params) {
        this.standardizer = standardizer;
        this.in = standardizer.dimension();
        this.hidden = hidden;
        this.out = out;
        if (params.length != size(in, hidden, out)) throw new IllegalArgumentException("parameter count does not match the shape");
        this.params = params;
    }

    /** A freshly initialised head (weights Gaussian with variance 2 / fan-in, biases 0). */
    public static ProjectionHead init(Standardizer standardizer, int hidden, int out, SplittableRandom rnd) {
        if (out < 1 || hidden < 0) throw new IllegalArgumentException("need a positive embedding size and a hidden width >= 0");
        int in = standardizer.dimension();
        double[] p = new double[size(in, hidden, out)];
        if (hidden > 0) {
            fill(p, 0, hidden * in, Math.sqrt(2.0 / in), rnd);
            fill(p, hidden * in + hidden, out * hidden, Math.sqrt(1.0 / hidden), rnd);
        } else {
            fill(p, 0, out * in, Math.sqrt(1.0 / in), rnd);
        }
        return new ProjectionHead(standardizer, hidden, out, p);
    }

    private static void fill(double[] p, int from, int n, double sd, SplittableRandom rnd) {
        for (int i = 0; i < n; i++) {
            double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
            p[from + i] = sd * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    static int size(int in, int hidden, int out) {
        return hidden > 0 ? hidden * in + hidden + out * hidden + out : out * in + out;
    }

    public int inputDimension() { return in; }
    public int hiddenWidth() { return hidden; }
    public int dimension() { return out; }
    public Standardizer standardizer() { return standardizer; }

    /** The flat parameters: W1 row-major, b1, W2 row-major, b2 (or W, b). */
    public double[] parameters() { return params; }

    /** Whether parameter {@code i} is a weight (decayed), not a bias. */
    boolean isWeight(int i) {
        if (hidden == 0) return i < out * in;
        return i < hidden * in || (i >= hidden * in + hidden && i < hidden * in + hidden + out * hidden);
    }

    /** The unit-length embedding of raw features. */
    public double[] embed(float[] features) {
        return forward(standardizer.apply(features)).e;
    }

    /** Activations of one forward pass, kept for the backward pass. */
    static final class Pass {
        double[] z, u, g, o, e;
        double norm;
    }

    /** One forward pass of standardised features. */
    Pass forward(double[] z) {
        return forward(new double[][] {z})[0];
    }

    /** Rows of the input layer taken together in the batched passes: a block stays in cache while every sample meets it. */
    private static final int ROW_BLOCK = 8;

    /**
     * {@link #forward(double[])} of each input, the same values; the wide input layer is read a
     * block of rows at a time for the whole batch, not once per sample (it is megabytes: per sample it
     * would be streamed from memory again and again).
     */
    Pass[] forward(double[][] zs) {
        int n = zs.length, rows = hidden > 0 ? hidden : out;
        double[] p = params;
        double[][] first = new double[n][rows];
        int bias = rows * in;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int b = 0; b < n; b++) {
                double[] z = zs[b], f = first[b];
                for (int r = r0; r < r1; r++) f[r] = p[bias + r] + dot(p, r * in, z, in);
            }
        }
        Pass[] passes = new Pass[n];
        for (int b = 0; b < n; b++) {
            Pass s = new Pass();
            s.z = zs[b];
            if (hidden > 0) {
                double[] u = first[b], g = new double[hidden];
                for (int h = 0; h < hidden; h++) g[h] = gelu(u[h]);
                s.u = u;
                s.g = g;
                s.o = linear(p, bias + hidden, g, out, hidden);
            } else {
                s.o = first[b];
            }
            normalise(s);
            passes[b] = s;
        }
        return passes;
    }

    private void normalise(Pass s) {
        double n = 0;
        for (double v : s.o) n += v * v;
        s.norm = Math.sqrt(n);
        s.e = new double[out];
        double inv = s.norm > 1e-12 ? 1 / s.norm : 0;
        for (int k = 0; k < out; k++) s.e[k] = s.o[k] * inv;
    }

    /**
     * {@link #backward(Pass, double[], double[])} of each pass in order, the same sums (every gradient
     * entry gets the samples' terms in the same order), the input layer's gradient a block of rows at a
     * time for the whole batch.
     */
    void backward(Pass[] passes, double[][] des, double[] grad) {
        int n = passes.length, rows = hidden > 0 ? hidden : out;
        double[] p = params;
        // Gradient at the input layer's outputs (pre-activation), per sample.
        double[][] dfirst = new double[n][];
        for (int b = 0; b < n; b++) {
            Pass s = passes[b];
            double inv = s.norm > 1e-12 ? 1 / s.norm : 0;
            double dot = 0;
            for (int k = 0; k < out; k++) dot += des[b][k] * s.e[k];
            double[] dout = new double[out];
            for (int k = 0; k < out; k++) dout[k] = (des[b][k] - s.e[k] * dot) * inv;
            if (hidden > 0) {
                int w2 = hidden * in + hidden, b2 = w2 + out * hidden;
                double[] dg = new double[hidden];
                for (int k = 0; k < out; k++) {
                    double d = dout[k];
                    if (d == 0) continue;
                    grad[b2 + k] += d;
                    int row = w2 + k * hidden;
                    for (int h = 0; h < hidden; h++) {
                        grad[row + h] += d * s.g[h];
                        dg[h] += d * p[row + h];
                    }
                }
                double[] du = new double[hidden];
                for (int h = 0; h < hidden; h++) du[h] = dg[h] * geluDerivative(s.u[h]);
                dfirst[b] = du;
            } else {
                dfirst[b] = dout;
            }
        }
        int bias = rows * in;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int b = 0; b < n; b++) {
                double[] z = passes[b].z, d = dfirst[b];
                for (int r = r0; r < r1; r++) {
                    double du = d[r];
                    if (du == 0) continue;
                    grad[bias + r] += du;
                    int row = r * in;
                    for (int j = 0; j < in; j++) grad[row + j] += du * z[j];
                }
            }
        }
    }

    /** {@code W x + b} with W at {@code p[at..]} ({@code rows x cols}) followed by b. */
    private static double[] linear(double[] p, int at, double[] x, int rows, int cols) {
        double[] y = new double[rows];
        int bias = at + rows * cols;
        for (int r = 0; r < rows; r++) y[r] = p[bias + r] + dot(p, at + r * cols, x, cols);
        return y;
    }

    /** {@code p[from..from+n) . x[0..n)} with four partial sums, so the loop is not one long dependency chain. */
    private static double dot(double[] p, int from, double[] x, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += p[from + j] * x[j];
            s1 += p[from + j + 1] * x[j + 1];
            s2 += p[from + j + 2] * x[j + 2];
            s3 += p[from + j + 3] * x[j + 3];
        }
        for (; j < n; j++) s0 += p[from + j] * x[j];
        return (s0 + s1) + (s2 + s3);
    }

    /** Adds the gradient of the loss to {@code grad}, given its gradient {@code de} with respect to the embedding. */
    void backward(Pass s, double[] de, double[] grad) {
        backward(new Pass[] {s}, new double[][] {de}, grad);
    }

    /** GELU, tanh approximation (Hendrycks and Gimpel 2016). */
    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    static double geluDerivative(double x) {
        double inner = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
        double t = Math.tanh(inner);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
    }

    /** Writes version, shape, standardiser and parameters. */
    public void write(DataOutput o) throws IOException {
        o.writeInt(VERSION);
        o.writeInt(hidden);
        o.writeInt(out);
        standardizer.write(o);
        o.writeInt(params.length);
        for (double v : params) o.writeDouble(v);
    }

    /** Reads what {@link #write} wrote; unknown versions and inconsistent shapes raise {@link IOException}. */
    public static ProjectionHead read(DataInput i) throws IOException {
        int version = i.readInt();
        if (version != VERSION) throw new IOException("unsupported projection head version " + version);
        int hidden = i.readInt(), out = i.readInt();
        Standardizer s = Standardizer.read(i);
        int n = i.readInt();
        if (hidden < 0 || out < 1 || n != size(s.dimension(), hidden, out)) throw new IOException("inconsistent projection head shape");
        double[] p = new double[n];
        for (int k = 0; k < n; k++) p[k] = i.readDouble();
        return new ProjectionHead(s, hidden, out, p);
    }
}

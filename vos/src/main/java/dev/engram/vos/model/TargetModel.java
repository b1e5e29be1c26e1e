package dev.engram.vos.model;

import dev.engram.memory.FloatBlocks;
import dev.engram.memory.GatedRegularizer;
import dev.engram.memory.MemoryEntry;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The small per-object model learned online (as LWL's target model): a linear scorer over the
 * expanded features of {@link FeatureSpace}, trained by least squares towards +1 (object) and -1
 * (background) over weighted memory frames, with a ridge term and, when given, the GRCL penalty.
 * Training runs a bounded number of conjugate-gradient steps from the current weights, so an
 * update with few steps moves the model only part way, as steepest-descent updates do in LWL.
 */
public final class TargetModel {
    private final float[] w;

    public TargetModel(int params) {
        this.w = new float[params];
    }

    private TargetModel(float[] w) {
        this.w = w;
    }

    public int params() {
        return w.length;
    }

    public float[] weights() {
        return w.clone();
    }

    /** Scores at {@code count} pixels of {@code img} (see {@link FeatureSpace#scores}); equal to {@link #score} of each expanded row. */
    public void scores(FeatureSpace space, dev.engram.vos.features.WorkingImage img, int[] pixels, int count, float[] out) {
        space.scores(img, pixels, count, w, out);
    }

    public float score(float[] phi) {
        float s = 0;
        for (int i = 0; i < w.length; i++) s += w[i] * phi[i];
        return s;
    }

    /** Result of one fit: the data loss (weighted mean squared error) and each parameter's importance. */
    public record Fit(double loss, float[] importance) {}

    /**
     * Updates the weights on the given entries.
     *
     * @param weights one weight per entry (they need not sum to one; rows within an entry share it)
     * @param grcl the gated regularizer, or null for none
     * @param steps conjugate-gradient iterations (the model's dimension or more solves exactly)
     */
    public Fit fit(List<MemoryEntry> entries, double[] weights, FeatureSpace space, GatedRegularizer grcl,
            double ridge, int steps) {
        int p = w.length;
        double[] a = new double[p * p];
        double[] b = new double[p];
        double yy = 0, total = 0;
        for (double x : weights) total += x;
        float[] phi = new float[p];
        for (int e = 0; e < entries.size(); e++) {
            MemoryEntry entry = entries.get(e);
            float[] rows = entry.features();
            float[] targets = entry.targets();
            double c = weights[e] / total / entry.rows();
            for (int r = 0; r < entry.rows(); r++) {
                space.expand(rows, r * entry.dims(), phi);
                double y = targets[r];
                yy += c * y * y;
                for (int i = 0; i < p; i++) {
                    double ci = c * phi[i];
                    if (ci == 0) continue;
                    b[i] += ci * y;
                    int row = i * p;
                    for (int j = i; j < p; j++) a[row + j] += ci * phi[j];
                }
            }
        }
        for (int i = 0; i < p; i++) for (int j = 0; j < i; j++) a[i * p + j] = a[j * p + i];
        double[] dataDiag = new double[p];
        for (int i = 0; i < p; i++) dataDiag[i] = a[i * p + i];
        double[] diag = new double[p];
        double[] rhs = b.clone();
        if (grcl != null && grcl.size() > 0) grcl.addToNormalEquations(diag, rhs);
        for (int i = 0; i < p; i++) a[i * p + i] += ridge + diag[i];
        conjugateGradient(a, rhs, p, steps);
        double loss = yy;
        for (int i = 0; i < p; i++) {
            double ai = 0;
            for (int j = 0; j < p; j++) ai += (i == j ? dataDiag[i] : a[i * p + j]) * w[j];
            loss += w[i] * ai - 2 * w[i] * b[i];
        }
        float[] importance = new float[p];
        for (int i = 0; i < p; i++) importance[i] = (float) (Math.abs(w[i]) * Math.sqrt(dataDiag[i]));
        return new Fit(Math.max(0, loss), importance);
    }

    private void conjugateGradient(double[] a, double[] rhs, int p, int steps) {
        double[] x = new double[p];
        for (int i = 0; i < p; i++) x[i] = w[i];
        double[] r = new double[p], d = new double[p], ad = new double[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += a[i * p + j] * x[j];
            r[i] = rhs[i] - s;
            d[i] = r[i];
        }
        double rr = dot(r, r);
        for (int it = 0; it < steps && rr > 1e-20; it++) {
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) s += a[i * p + j] * d[j];
                ad[i] = s;
            }
            double alpha = rr / dot(d, ad);
            for (int i = 0; i < p; i++) {
                x[i] += alpha * d[i];
                r[i] -= alpha * ad[i];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < p; i++) d[i] = r[i] + beta * d[i];
            rr = rrNew;
        }
        for (int i = 0; i < p; i++) w[i] = (float) x[i];
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    public long bytes() {
        return 4L * w.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(w.length);
        FloatBlocks.write(out, w);
    }

    public static TargetModel read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > 1 << 20) throw new IOException("corrupt target model: " + n + " parameters");
        float[] w = new float[n];
        FloatBlocks.read(in, w);
        return new TargetModel(w);
    }
}

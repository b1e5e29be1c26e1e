package dev.engram.snn.readout;

import dev.engram.snn.OptionSet;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A linear projection head {@code e = normalize(P z)} on standardised features, trained with the
 * supervised contrastive (InfoNCE) loss of Khosla et al. 2020: within a mini-batch, each sample is
 * pulled towards the samples of its class and pushed from the others, at a temperature. As in the
 * resistive-memory zero-shot LSM paper, the embeddings are compared by cosine similarity to class
 * prototypes ({@link PrototypeClassifier}), so classes never seen in training can be recognised from
 * a few examples of them. Seeded: initialisation and batch order come from {@code readout.seed}, so
 * training is deterministic. Optimiser: Adam.
 */
public final class ContrastiveHead {
    final Standardizer standardizer;
    final double[][] projection; // [dim][features]

    ContrastiveHead(Standardizer standardizer, double[][] projection) {
        this.standardizer = standardizer;
        this.projection = projection;
    }

    public int dimension() { return projection.length; }

    public int inputDimension() { return standardizer.dimension(); }

    /** The unit-length embedding of a feature vector. */
    public double[] embed(float[] features) {
        return project(standardizer.apply(features));
    }

    double[] project(double[] z) {
        double[] e = new double[projection.length];
        for (int k = 0; k < e.length; k++) e[k] = DenseMath.dot(projection[k], z);
        normalize(e);
        return e;
    }

    static double normalize(double[] u) {
        double norm = Math.sqrt(DenseMath.dot(u, u));
        double inv = norm > 1e-12 ? 1.0 / norm : 0.0;
        for (int k = 0; k < u.length; k++) u[k] *= inv;
        return norm;
    }

    /** Trains a head on labelled features with the options' dimension, temperature, epochs, batch, step and seed. */
    public static ContrastiveHead train(float[][] x, int[] y, OptionSet o) {
        int dim = o.get(ReadoutOptions.PROJECTION_DIM);
        double tau = o.get(ReadoutOptions.TEMPERATURE);
        int epochs = o.get(ReadoutOptions.EPOCHS);
        int batch = Math.max(2, Math.min(x.length, o.get(ReadoutOptions.BATCH)));
        double lr = o.get(ReadoutOptions.LEARNING_RATE);
        SplittableRandom rnd = new SplittableRandom(o.get(ReadoutOptions.SEED));
        Standardizer s = Standardizer.fit(x);
        double[][] z = s.apply(x);
        int d = s.dimension();
        double[][] p = new double[dim][d];
        double scale = 1.0 / Math.sqrt(d);
        for (double[] row : p) for (int j = 0; j < d; j++) row[j] = scale * gaussian(rnd);
        double[][] m1 = new double[dim][d];
        double[][] m2 = new double[dim][d];
        double[][] grad = new double[dim][d];
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long t = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int start = 0; start + 1 < n; start += batch) {
                int b = Math.min(batch, n - start);
                if (b < 2) break;
                int[] idx = java.util.Arrays.copyOfRange(order, start, start + b);
                for (double[] row : grad) java.util.Arrays.fill(row, 0);
                if (!batchGradient(p, z, y, idx, tau, grad)) continue;
                t++;
                adam(p, grad, m1, m2, lr, t);
            }
        }
        return new ContrastiveHead(s, p);
    }

    /** Rows of the projection taken together over a batch, so a block stays in cache while every sample meets it. */
    private static final int ROW_BLOCK = 8;

    /** Adds the SupCon gradient of one batch to {@code grad}; false when no anchor has a positive. */
    static boolean batchGradient(double[][] p, double[][] z, int[] y, int[] idx, double tau, double[][] grad) {
        int b = idx.length;
        int dim = p.length;
        double[][] e = new double[b][];
        double[] norms = new double[b];
        // The projection is read a block of rows at a time for the whole batch (it is megabytes; once
        // per sample it would stream from memory for every sample); same values as row by row.
        for (int a = 0; a < b; a++) e[a] = new double[dim];
        for (int k0 = 0; k0 < dim; k0 += ROW_BLOCK) {
            int k1 = Math.min(dim, k0 + ROW_BLOCK);
            for (int a = 0; a < b; a++) {
                double[] za = z[idx[a]], u = e[a];
                for (int k = k0; k < k1; k++) u[k] = DenseMath.dot(p[k], za);
            }
        }
        for (int a = 0; a < b; a++) norms[a] = normalize(e[a]);
        double[][] g = new double[b][b];
        int anchors = 0;
        for (int i = 0; i < b; i++) {
            int positives = 0;
            for (int j = 0; j < b; j++) if (j != i && y[idx[j]] == y[idx[i]]) positives++;
            if (positives == 0) continue;
            anchors++;
            double max = Double.NEGATIVE_INFINITY;
            double[] sim = new double[b];
            for (int j = 0; j < b; j++) {
                if (j == i) continue;
                sim[j] = DenseMath.dot(e[i], e[j]) / tau;
                max = Math.max(max, sim[j]);
            }
            double sum = 0;
            for (int j = 0; j < b; j++) if (j != i) sum += Math.exp(sim[j] - max);
            for (int j = 0; j < b; j++) {
                if (j == i) continue;
                double prob = Math.exp(sim[j] - max) / sum;
                g[i][j] = prob - (y[idx[j]] == y[idx[i]] ? 1.0 / positives : 0.0);
            }
        }
        if (anchors == 0) return false;
        // dL/de_i = sum_j (g_ij + g_ji) e_j / (tau * anchors); then back through the normalisation.
        double[][] dus = new double[b][dim];
        for (int i = 0; i < b; i++) {
            double[] de = new double[dim];
            for (int j = 0; j < b; j++) {
                double c = (g[i][j] + g[j][i]) / (tau * anchors);
                if (c == 0) continue;
                for (int k = 0; k < dim; k++) de[k] += c * e[j][k];
            }
            double proj = DenseMath.dot(de, e[i]);
            double inv = norms[i] > 1e-12 ? 1.0 / norms[i] : 0.0;
            for (int k = 0; k < dim; k++) dus[i][k] = (de[k] - e[i][k] * proj) * inv;
        }
        // Each gradient row gets the samples' terms in sample order, as one sample at a time would.
        for (int k0 = 0; k0 < dim; k0 += ROW_BLOCK) {
            int k1 = Math.min(dim, k0 + ROW_BLOCK);
            for (int i = 0; i < b; i++) {
                double[] zi = z[idx[i]];
                for (int k = k0; k < k1; k++) {
                    double du = dus[i][k];
                    if (du == 0) continue;
                    double[] gk = grad[k];
                    for (int j = 0; j < zi.length; j++) gk[j] += du * zi[j];
                }
            }
        }
        return true;
    }

    private static void adam(double[][] p, double[][] g, double[][] m1, double[][] m2, double lr, long t) {
        double b1 = 0.9, b2 = 0.999, epsilon = 1e-8;
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int k = 0; k < p.length; k++) {
            double[] pk = p[k], gk = g[k], a = m1[k], v = m2[k];
            for (int j = 0; j < pk.length; j++) {
                a[j] = b1 * a[j] + (1 - b1) * gk[j];
                v[j] = b2 * v[j] + (1 - b2) * gk[j] * gk[j];
                pk[j] -= lr * (a[j] / c1) / (Math.sqrt(v[j] / c2) + epsilon);
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    void write(DataOutput out) throws IOException {
        standardizer.write(out);
        Readouts.writeMatrix(out, projection);
    }

    static ContrastiveHead read(DataInput in) throws IOException {
        Standardizer s = Standardizer.read(in);
        double[][] p = Readouts.readMatrix(in);
        if (p.length > 0 && p[0].length != s.dimension()) throw new IOException("inconsistent projection head shapes");
        return new ContrastiveHead(s, p);
    }
}

package dev.engram.snn.zeroshot;

/**
 * The symmetric InfoNCE (CLIP) loss of a batch of audio and vision embeddings with their classes:
 * logits {@code s_ij = <a_i, v_j> / temperature}; each audio row is a softmax over the vision
 * samples and each vision column a softmax over the audio samples, and the target of a row (column)
 * spreads evenly over the samples of its own class (with one pair per class this is CLIP's identity
 * target). The loss is the mean of the row and column cross-entropies. Every row and column needs at
 * least one sample of its class on the other side.
 */
public final class CrossModalLoss {
    private CrossModalLoss() {}

    /**
     * The loss; {@code gradA} and {@code gradV} (same shapes as {@code a}, {@code v}) receive its
     * gradient with respect to the embeddings.
     */
    public static double value(double[][] a, int[] classA, double[][] v, int[] classV, double temperature, double[][] gradA,
            double[][] gradV) {
        int na = a.length, nv = v.length;
        double[][] s = new double[na][nv];
        for (int i = 0; i < na; i++) for (int j = 0; j < nv; j++) s[i][j] = dot(a[i], v[j]) / temperature;
        double[][] ds = new double[na][nv];
        double loss = 0;
        // Rows: audio i over vision j.
        for (int i = 0; i < na; i++) {
            int positives = 0;
            for (int j = 0; j < nv; j++) if (classV[j] == classA[i]) positives++;
            if (positives == 0) throw new IllegalArgumentException("audio sample " + i + " has no vision sample of its class in the batch");
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < nv; j++) max = Math.max(max, s[i][j]);
            double sum = 0;
            for (int j = 0; j < nv; j++) sum += Math.exp(s[i][j] - max);
            double logSum = max + Math.log(sum);
            for (int j = 0; j < nv; j++) {
                double q = classV[j] == classA[i] ? 1.0 / positives : 0;
                loss -= q * (s[i][j] - logSum) / (2.0 * na);
                ds[i][j] += (Math.exp(s[i][j] - logSum) - q) / (2.0 * na);
            }
        }
        // Columns: vision j over audio i.
        for (int j = 0; j < nv; j++) {
            int positives = 0;
            for (int i = 0; i < na; i++) if (classA[i] == classV[j]) positives++;
            if (positives == 0) throw new IllegalArgumentException("vision sample " + j + " has no audio sample of its class in the batch");
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < na; i++) max = Math.max(max, s[i][j]);
            double sum = 0;
            for (int i = 0; i < na; i++) sum += Math.exp(s[i][j] - max);
            double logSum = max + Math.log(sum);
            for (int i = 0; i < na; i++) {
                double q = classA[i] == classV[j] ? 1.0 / positives : 0;
                loss -= q * (s[i][j] - logSum) / (2.0 * nv);
                ds[i][j] += (Math.exp(s[i][j] - logSum) - q) / (2.0 * nv);
            }
        }
        for (double[] g : gradA) java.util.Arrays.fill(g, 0);
        for (double[] g : gradV) java.util.Arrays.fill(g, 0);
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nv; j++) {
                double d = ds[i][j] / temperature;
                if (d == 0) continue;
                for (int k = 0; k < a[i].length; k++) {
                    gradA[i][k] += d * v[j][k];
                    gradV[j][k] += d * a[i][k];
                }
            }
        }
        return loss;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) s += x[k] * y[k];
        return s;
    }
}

package dev.engram.memory;

/**
 * Cyclic coordinate descent for min ½‖q − Dα‖² + λ₁‖α‖₁ + ½λ₂‖α‖², working on the Gram matrix G = DᵀD
 * and c = Dᵀq so its cost does not depend on the descriptor length. Deterministic: a fixed sweep order
 * and at most a fixed number of sweeps, stopping early only once a whole sweep changes nothing measurable.
 */
final class ElasticNet {
    private static final double CONVERGED = 1e-12;

    private ElasticNet() {}

    /** Coefficients for the columns with {@code use[j]}; unused columns get 0. */
    static double[] solve(double[][] gram, double[] c, boolean[] use, double l1, double l2, int maxSweeps) {
        int m = c.length;
        double[] alpha = new double[m];
        double[] g = new double[m]; // G·α, kept up to date so one coordinate step costs O(m)
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double biggest = 0;
            for (int j = 0; j < m; j++) {
                if (!use[j]) continue;
                double denom = gram[j][j] + l2;
                if (denom <= 0) continue;
                double rho = c[j] - g[j] + gram[j][j] * alpha[j];
                double next = softThreshold(rho, l1) / denom;
                double delta = next - alpha[j];
                if (delta == 0) continue;
                alpha[j] = next;
                for (int k = 0; k < m; k++) g[k] += gram[k][j] * delta;
                biggest = Math.max(biggest, Math.abs(delta));
            }
            if (biggest < CONVERGED) break;
        }
        return alpha;
    }

    private static double softThreshold(double x, double t) {
        return x > t ? x - t : (x < -t ? x + t : 0);
    }

    static double[][] gram(float[][] columns) {
        int m = columns.length;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = dot(columns[i], columns[j]);
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}

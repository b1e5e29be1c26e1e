package dev.engram.snn.readout;

/** The few dense linear-algebra kernels the readouts need (row-major double arrays). */
final class DenseMath {
    private DenseMath() {}

    static double dot(double[] a, double[] b) {
        int n = a.length;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Gram matrix {@code Z Z^T}. */
    static double[][] gram(double[][] z) {
        int n = z.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = dot(z[i], z[j]);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    /** Lower Cholesky factor of {@code a + lambda I}; fails if not positive definite. */
    static double[][] cholesky(double[][] a, double lambda) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double s = a[i][j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) s -= li[k] * lj[k];
                if (i == j) {
                    if (s <= 0) throw new ArithmeticException("matrix not positive definite; increase the ridge lambda");
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    /** Solves {@code L L^T x = b} for each column of {@code b} (n x m), in place. */
    static void choleskySolve(double[][] l, double[][] b) {
        int n = l.length;
        int m = b[0].length;
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                double s = b[i][c];
                double[] li = l[i];
                for (int k = 0; k < i; k++) s -= li[k] * b[k][c];
                b[i][c] = s / li[i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = b[i][c];
                for (int k = i + 1; k < n; k++) s -= l[k][i] * b[k][c];
                b[i][c] = s / l[i][i];
            }
        }
    }

    /** Diagonal of {@code (L L^T)^-1} = column sums of squares of {@code L^-1}. */
    static double[] inverseDiagonal(double[][] l) {
        int n = l.length;
        double[] diag = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            // Column j of L^-1 by forward substitution of e_j; entries above j are zero.
            java.util.Arrays.fill(col, 0);
            col[j] = 1.0 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                double[] li = l[i];
                double s = 0;
                for (int k = j; k < i; k++) s -= li[k] * col[k];
                col[i] = s / li[i];
            }
            double sq = 0;
            for (int i = j; i < n; i++) sq += col[i] * col[i];
            // (L^-T L^-1)_jj = sum_i (L^-1)_ij^2 over rows i of column j.
            diag[j] = sq;
        }
        return diag;
    }
}

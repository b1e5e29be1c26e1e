package dev.engram.snn.readout;

/** Limited-memory BFGS with Armijo backtracking; deterministic. */
final class Lbfgs {
    private Lbfgs() {}

    interface Function {
        /** Returns f(theta) and writes its gradient into {@code grad}. */
        double valueAndGradient(double[] theta, double[] grad);
    }

    static double[] minimize(Function f, double[] x0, int iterations) {
        int n = x0.length;
        int m = 10;
        double[][] s = new double[m][];
        double[][] yv = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        int head = 0;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double[] dir = new double[n];
        double[] alpha = new double[m];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int it = 0; it < iterations; it++) {
            double gNorm = Math.sqrt(dot(g, g));
            if (gNorm < 1e-8) break;
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, m);
                alpha[idx] = rho[idx] * dot(s[idx], dir);
                axpy(-alpha[idx], yv[idx], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, m);
                double gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
                for (int i = 0; i < n; i++) dir[i] *= gamma;
            } else {
                for (int i = 0; i < n; i++) dir[i] /= gNorm;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, m);
                double beta = rho[idx] * dot(yv[idx], dir);
                axpy(alpha[idx] - beta, s[idx], dir);
            }
            double slope = dot(g, dir);
            if (slope >= 0) {
                for (int i = 0; i < n; i++) dir[i] = -g[i] / gNorm;
                slope = dot(g, dir);
                stored = 0;
            }
            double step = 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 30; ls++) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) break;
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                s[head] = sk;
                yv[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % m;
                stored = Math.min(m, stored + 1);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            double change = fx - fNew;
            fx = fNew;
            if (change < 1e-10 * Math.max(1, Math.abs(fx))) break;
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) r += a[i] * b[i];
        return r;
    }

    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }
}

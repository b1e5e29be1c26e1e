package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.readout.Standardizer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossModalLossTest {

    static double[][] randomUnit(int n, int d, SplittableRandom rnd) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                row[k] = rnd.nextDouble() * 2 - 1;
                s += row[k] * row[k];
            }
            for (int k = 0; k < d; k++) row[k] /= Math.sqrt(s);
        }
        return x;
    }

    @Test
    void gradientWithRespectToEmbeddingsMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] a = randomUnit(6, 5, rnd), v = randomUnit(6, 5, rnd);
        int[] ca = {1, 2, 3, 1, 2, 4}, cv = {2, 1, 3, 4, 1, 2};
        double tau = 0.5;
        double[][] ga = new double[6][5], gv = new double[6][5];
        CrossModalLoss.value(a, ca, v, cv, tau, ga, gv);
        double h = 1e-6;
        for (double[][] side : new double[][][] {a, v}) {
            double[][] g = side == a ? ga : gv;
            for (int i = 0; i < 6; i++) {
                for (int k = 0; k < 5; k++) {
                    double keep = side[i][k];
                    side[i][k] = keep + h;
                    double up = CrossModalLoss.value(a, ca, v, cv, tau, new double[6][5], new double[6][5]);
                    side[i][k] = keep - h;
                    double down = CrossModalLoss.value(a, ca, v, cv, tau, new double[6][5], new double[6][5]);
                    side[i][k] = keep;
                    assertThat(g[i][k]).isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-7));
                }
            }
        }
    }

    @Test
    void withOnePairPerClassItIsClipsLossAndSmallestWhenPairsAlign() {
        double[][] id = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        int[] c = {0, 1, 2};
        double aligned = CrossModalLoss.value(id, c, id, c, 0.1, new double[3][3], new double[3][3]);
        // CLIP: -log(e^{1/t} / (e^{1/t} + 2)) per row and column.
        double expected = -Math.log(Math.exp(10) / (Math.exp(10) + 2));
        assertThat(aligned).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        double[][] shuffled = {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        assertThat(CrossModalLoss.value(id, c, shuffled, c, 0.1, new double[3][3], new double[3][3])).isGreaterThan(aligned + 5);
    }

    @Test
    void gradientThroughBothHeadsMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[][] xa = new float[8][7], xv = new float[8][4];
        for (float[] r : xa) for (int j = 0; j < r.length; j++) r[j] = (float) rnd.nextGaussian();
        for (float[] r : xv) for (int j = 0; j < r.length; j++) r[j] = (float) rnd.nextGaussian();
        for (int hidden : new int[] {0, 5}) {
            ProjectionHead ha = ProjectionHead.init(Standardizer.fit(xa), hidden, 3, rnd.split());
            ProjectionHead hv = ProjectionHead.init(Standardizer.fit(xv), hidden, 3, rnd.split());
            int[] ca = {0, 1, 2, 0, 1, 2, 0, 1}, cv = {1, 2, 0, 0, 2, 1, 1, 0};
            double[] gradA = new double[ha.params.length], gradV = new double[hv.params.length];
            loss(ha, hv, xa, ca, xv, cv, gradA, gradV);
            double h = 1e-6;
            for (ProjectionHead head : new ProjectionHead[] {ha, hv}) {
                double[] g = head == ha ? gradA : gradV;
                for (int i = 0; i < head.params.length; i++) {
                    double keep = head.params[i];
                    head.params[i] = keep + h;
                    double up = loss(ha, hv, xa, ca, xv, cv, null, null);
                    head.params[i] = keep - h;
                    double down = loss(ha, hv, xa, ca, xv, cv, null, null);
                    head.params[i] = keep;
                    assertThat(g[i]).as("hidden %d, parameter %d", hidden, i)
                            .isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    /** The loss of the heads on the batch; with gradient arrays, adds its parameter gradients. */
    private static double loss(ProjectionHead ha, ProjectionHead hv, float[][] xa, int[] ca, float[][] xv, int[] cv, double[] gradA,
            double[] gradV) {
        int n = xa.length;
        ProjectionHead.Pass[] pa = new ProjectionHead.Pass[n], pv = new ProjectionHead.Pass[n];
        double[][] ea = new double[n][], ev = new double[n][];
        for (int i = 0; i < n; i++) {
            pa[i] = ha.forward(ha.standardizer().apply(xa[i]));
            pv[i] = hv.forward(hv.standardizer().apply(xv[i]));
            ea[i] = pa[i].e;
            ev[i] = pv[i].e;
        }
        double[][] ga = new double[n][3], gv = new double[n][3];
        double l = CrossModalLoss.value(ea, ca, ev, cv, 0.7, ga, gv);
        if (gradA != null) {
            for (int i = 0; i < n; i++) {
                ha.backward(pa[i], ga[i], gradA);
                hv.backward(pv[i], gv[i], gradV);
            }
        }
        return l;
    }

    @Test
    void aClassWithoutACounterpartIsRefused() {
        double[][] x = {{1, 0}, {0, 1}};
        assertThatThrownBy(() -> CrossModalLoss.value(x, new int[] {0, 1}, x, new int[] {0, 0}, 1, new double[2][2], new double[2][2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no vision sample of its class");
    }
}

package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.OptionSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossModalTrainerTest {

    /**
     * Two modalities that are different linear views of one class code: after training on classes
     * 0-7 only, the heads map both views of the unseen classes 8 and 9 close together too.
     */
    @Test
    void headsTrainedOnSeenClassesRetrieveUnseenClassesOfLinearlyRelatedModalities() {
        LinearViews data = LinearViews.of(new SplittableRandom(4), 10, 6, 30, 20, 12, 0.3);
        float[][] xa = data.audio(), xv = data.vision();
        int[] y = data.y();
        int[] seen = {0, 1, 2, 3, 4, 5, 6, 7};
        int n = 0;
        for (int l : y) if (l < 8) n++;
        float[][] ta = new float[n][], tv = new float[n][];
        int[] ty = new int[n];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (y[i] >= 8) continue;
            ta[k] = xa[i];
            tv[k] = xv[i];
            ty[k++] = y[i];
        }
        OptionSet o = ZeroShotOptions.defaults().with(ZeroShotOptions.STEPS, 300).with(ZeroShotOptions.TEMPERATURE, 0.2)
                .with(ZeroShotOptions.HIDDEN, 0).with(ZeroShotOptions.DIM, 8).with(ZeroShotOptions.LEARNING_RATE, 1e-2);
        CrossModalHeads h = CrossModalTrainer.train(ta, ty, tv, ty, o);
        double[][] ea = new double[y.length][], ev = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            ea[i] = h.audio().embed(xa[i]);
            ev[i] = h.vision().embed(xv[i]);
        }
        long[] seeds = {1, 2, 3, 4, 5};
        assertThat(Retrieval.run(ea, y, ev, y, new int[] {8, 9}, seeds).accuracy()).as("unseen").isGreaterThan(0.9);
        assertThat(Retrieval.run(ea, y, ev, y, seen, seeds).accuracy()).as("seen").isGreaterThan(0.9);

        CrossModalHeads again = CrossModalTrainer.train(ta, ty, tv, ty, o);
        assertThat(again.audio().parameters()).isEqualTo(h.audio().parameters());
    }

    /** Two modalities that are noisy linear views (audioDims and visionDims wide) of one random code per class. */
    record LinearViews(float[][] audio, float[][] vision, int[] y) {
        static LinearViews of(SplittableRandom rnd, int classes, int latent, int perClass, int audioDims, int visionDims, double noise) {
            double[][] code = new double[classes][latent];
            for (double[] c : code) for (int k = 0; k < latent; k++) c[k] = rnd.nextGaussian();
            double[][] mixA = matrix(audioDims, latent, rnd), mixV = matrix(visionDims, latent, rnd);
            float[][] xa = new float[classes * perClass][], xv = new float[classes * perClass][];
            int[] y = new int[classes * perClass];
            for (int c = 0, i = 0; c < classes; c++) {
                for (int s = 0; s < perClass; s++, i++) {
                    y[i] = c;
                    xa[i] = view(mixA, code[c], noise, rnd);
                    xv[i] = view(mixV, code[c], noise, rnd);
                }
            }
            return new LinearViews(xa, xv, y);
        }
    }

    static double[][] matrix(int rows, int cols, SplittableRandom rnd) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) for (int k = 0; k < cols; k++) r[k] = rnd.nextGaussian();
        return m;
    }

    static float[] view(double[][] mix, double[] code, double noise, SplittableRandom rnd) {
        float[] x = new float[mix.length];
        for (int r = 0; r < mix.length; r++) {
            double v = 0;
            for (int k = 0; k < code.length; k++) v += mix[r][k] * code[k];
            x[r] = (float) (v + noise * rnd.nextGaussian());
        }
        return x;
    }
}

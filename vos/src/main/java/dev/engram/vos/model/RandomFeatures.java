package dev.engram.vos.model;

import java.util.SplittableRandom;

/**
 * Random Fourier features: a seeded, fixed map that makes a linear model over appearance behave
 * like a Gaussian-kernel classifier (Rahimi and Recht). The map is regenerated from its seed, so
 * it costs nothing in state.
 */
public final class RandomFeatures {
    private final int inputDims;
    private final int outputDims;
    private final float[] omega; // outputDims x inputDims
    private final float[] omegaT; // inputDims x outputDims: the same numbers, read contiguously by map
    private final float[] phase;
    private final float scale;

    public RandomFeatures(int inputDims, int outputDims, double bandwidth, long seed) {
        this.inputDims = inputDims;
        this.outputDims = outputDims;
        this.omega = new float[outputDims * inputDims];
        this.phase = new float[outputDims];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < omega.length; i++) omega[i] = (float) (gaussian(rnd) / bandwidth);
        for (int i = 0; i < outputDims; i++) phase[i] = (float) (rnd.nextDouble() * 2 * Math.PI);
        this.scale = (float) Math.sqrt(2.0 / outputDims);
        this.omegaT = new float[omega.length];
        for (int j = 0; j < outputDims; j++) {
            for (int k = 0; k < inputDims; k++) omegaT[k * outputDims + j] = omega[j * inputDims + k];
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller from the seeded stream, so every JVM draws the same numbers.
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    public int outputDims() {
        return outputDims;
    }

    /** Writes the features of {@code in[inOffset .. inOffset+inputDims)} to {@code out[outOffset ..]}. */
    public void map(float[] in, int inOffset, float[] out, int outOffset) {
        // Each output's sum runs over the inputs in order (as a row-by-row dot product would, so
        // results are the same); the loop over outputs is contiguous, which the JIT vectorises.
        System.arraycopy(phase, 0, out, outOffset, outputDims);
        for (int k = 0, o = 0; k < inputDims; k++, o += outputDims) {
            float v = in[inOffset + k];
            for (int j = 0; j < outputDims; j++) out[outOffset + j] += omegaT[o + j] * v;
        }
        for (int j = 0; j < outputDims; j++) out[outOffset + j] = scale * FastCos.cos(out[outOffset + j]);
    }

    /**
     * Adds {@code w[j] · feature j} over all outputs j to {@code s[b]} for {@code n} inputs given as
     * planes ({@code x[k][b]}, input k of row b): the same numbers, in the same order, as {@link #map}
     * followed by a dot product, but with the loops over rows, which the JIT vectorises. {@code z} is
     * scratch of at least {@code n}.
     */
    public void addScores(float[][] x, int n, float[] w, float[] z, float[] s) {
        for (int j = 0, o = 0; j < outputDims; j++, o += inputDims) {
            java.util.Arrays.fill(z, 0, n, phase[j]);
            for (int k = 0; k < inputDims; k++) {
                float a = omega[o + k];
                float[] xk = x[k];
                for (int b = 0; b < n; b++) z[b] += a * xk[b];
            }
            float wj = w[j];
            for (int b = 0; b < n; b++) s[b] += wj * (scale * FastCos.cos(z[b]));
        }
    }
}

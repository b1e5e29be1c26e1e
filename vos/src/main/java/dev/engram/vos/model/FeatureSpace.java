package dev.engram.vos.model;

import dev.engram.vos.features.WorkingImage;

/**
 * The target model's inputs. A raw row per pixel holds the appearance features of
 * {@link WorkingImage} ({@link WorkingImage#DIMS} built-in ones, then a backbone's, if any); rows
 * are what the frame memory stores. The model sees the expansion [random Fourier features of the
 * built-in (colour) features, all raw features, bias]: a Gaussian-kernel classifier on colour plus
 * a linear one on deep features (as LWL-style target models use them); a kernel over deep
 * features projected to a few dimensions blurred them into noise.
 */
public final class FeatureSpace {
    private final int app;
    private final int kernelDims;
    private final RandomFeatures rff;
    private final int params;

    /** A space over the built-in features only. */
    public FeatureSpace(int randomFeatures, double bandwidth, long seed) {
        this(WorkingImage.DIMS, randomFeatures, bandwidth, seed);
    }

    /** A space over {@code appearanceDims} features per pixel (built-in, then a backbone's used linearly). */
    public FeatureSpace(int appearanceDims, int randomFeatures, double bandwidth, long seed) {
        if (appearanceDims <= 0) throw new IllegalArgumentException("appearance dims must be positive, got " + appearanceDims);
        this.app = appearanceDims;
        this.kernelDims = Math.min(app, WorkingImage.DIMS);
        this.rff = new RandomFeatures(kernelDims, randomFeatures, bandwidth, seed);
        this.params = randomFeatures + app + 1;
    }

    /** Appearance features per pixel. */
    public int appearanceDims() {
        return app;
    }

    /** Length of a raw row as stored in the frame memory (the appearance features). */
    public int rawDims() {
        return app;
    }

    /** Number of model parameters (length of an expanded row). */
    public int params() {
        return params;
    }

    /** Expands the raw row at {@code raw[off ..]} into {@code phi[0 .. params)}. */
    public void expand(float[] raw, int off, float[] phi) {
        int d = rff.outputDims();
        rff.map(raw, off, phi, 0);
        System.arraycopy(raw, off, phi, d, app);
        phi[d + app] = 1f;
    }

    /** Writes the raw row for one pixel. */
    public void raw(WorkingImage img, int pixel, float[] out, int off) {
        if (img.dims != app) {
            throw new IllegalArgumentException("working image has " + img.dims + " features per pixel, the space expects " + app);
        }
        img.copyFeatures(pixel, out, off);
    }

    /** Pixels scored per block by {@link #scores}. */
    private static final int BLOCK = 256;

    /**
     * Scores of a linear model with weights {@code w} (length {@link #params()}) at {@code count}
     * pixels of {@code img}: the same numbers as {@link #raw}, {@link #expand} and a dot product per
     * pixel, computed a block of pixels at a time with the loops over pixels (several times faster).
     */
    public void scores(WorkingImage img, int[] pixels, int count, float[] w, float[] out) {
        if (img.dims != app) {
            throw new IllegalArgumentException("working image has " + img.dims + " features per pixel, the space expects " + app);
        }
        int d = rff.outputDims();
        float[][] x = new float[app][BLOCK];
        float[] s = new float[BLOCK], z = new float[BLOCK];
        for (int start = 0; start < count; start += BLOCK) {
            int n = Math.min(BLOCK, count - start);
            for (int b = 0; b < n; b++) {
                int p = pixels[start + b], y = p / img.width;
                float[] row = img.row(y);
                int o = (p - y * img.width) * app;
                for (int k = 0; k < app; k++) x[k][b] = row[o + k];
            }
            java.util.Arrays.fill(s, 0, n, 0f);
            rff.addScores(x, n, w, z, s);
            for (int k = 0; k < app; k++) {
                float a = w[d + k];
                float[] xk = x[k];
                for (int b = 0; b < n; b++) s[b] += a * xk[b];
            }
            float bias = w[d + app];
            for (int b = 0; b < n; b++) s[b] += bias * 1f;
            System.arraycopy(s, 0, out, start, n);
        }
    }
}

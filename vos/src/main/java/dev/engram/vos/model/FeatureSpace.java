package dev.engram.vos.model;

import dev.engram.vos.features.WorkingImage;

/**
 * The target model's inputs. A raw row per pixel holds the appearance features of
 * {@link WorkingImage} plus two prior features (the flow-propagated probability and the signed
 * distance to the propagated boundary); rows are what the frame memory stores. The model sees the
 * expansion [random Fourier features of appearance, appearance, prior, bias].
 */
public final class FeatureSpace {
    public static final int APP = WorkingImage.DIMS;
    public static final int RAW = APP;

    private final RandomFeatures rff;
    private final int params;

    public FeatureSpace(int randomFeatures, double bandwidth, long seed) {
        this.rff = new RandomFeatures(APP, randomFeatures, bandwidth, seed);
        this.params = randomFeatures + APP + 1;
    }

    /** Number of model parameters (length of an expanded row). */
    public int params() {
        return params;
    }

    /** Expands the raw row at {@code raw[off ..]} into {@code phi[0 .. params)}. */
    public void expand(float[] raw, int off, float[] phi) {
        int d = rff.outputDims();
        rff.map(raw, off, phi, 0);
        System.arraycopy(raw, off, phi, d, APP);
        phi[d + APP] = 1f;
    }

    /** Writes the raw row for one pixel. */
    public static void raw(WorkingImage img, int pixel, float[] out, int off) {
        System.arraycopy(img.features, pixel * APP, out, off, APP);
    }
}

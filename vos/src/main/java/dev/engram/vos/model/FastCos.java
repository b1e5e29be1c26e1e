package dev.engram.vos.model;

/**
 * A table cosine: random features need millions of cosines per frame and this is several times
 * faster than {@link Math#cos}; the error (below 1e-4) is far under the features' own noise.
 * Pure Java arithmetic, so results are identical on every JVM.
 */
final class FastCos {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;
    private static final float[] TABLE = new float[SIZE + 1];
    private static final float SCALE = (float) (SIZE / (2 * Math.PI));

    static {
        for (int i = 0; i <= SIZE; i++) TABLE[i] = (float) Math.cos(i * 2 * Math.PI / SIZE);
    }

    private FastCos() {}

    static float cos(float x) {
        float t = x * SCALE;
        float fl = (float) Math.floor(t);
        float frac = t - fl;
        int i = ((int) fl) & (SIZE - 1);
        return TABLE[i] + frac * (TABLE[i + 1] - TABLE[i]);
    }
}

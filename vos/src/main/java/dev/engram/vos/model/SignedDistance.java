package dev.engram.vos.model;

/**
 * Signed distance to a mask boundary by a two-pass chamfer transform: positive inside, negative
 * outside, in pixels, clamped to +-limit. Plain Java, linear time.
 */
public final class SignedDistance {
    private SignedDistance() {}

    private static final float A = 1f, B = 1.4142f;

    public static float[] of(boolean[] inside, int w, int h, float limit) {
        float[] din = chamfer(inside, w, h, true, limit);
        float[] dout = chamfer(inside, w, h, false, limit);
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = inside[i] ? Math.min(din[i], limit) : -Math.min(dout[i], limit);
        }
        return out;
    }

    /** Math.min without its NaN and signed-zero cases (distances here are finite and non-negative). */
    private static float min(float a, float b) {
        return a <= b ? a : b;
    }

    /** Distance from each pixel of the given side to the nearest pixel of the other side. */
    private static float[] chamfer(boolean[] inside, int w, int h, boolean side, float limit) {
        float big = limit + 2;
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) d[i] = inside[i] == side ? big : 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (d[p] == 0) continue;
                float v = d[p];
                if (x > 0) v = min(v, d[p - 1] + A);
                if (y > 0) {
                    v = min(v, d[p - w] + A);
                    if (x > 0) v = min(v, d[p - w - 1] + B);
                    if (x < w - 1) v = min(v, d[p - w + 1] + B);
                }
                d[p] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int p = y * w + x;
                if (d[p] == 0) continue;
                float v = d[p];
                if (x < w - 1) v = min(v, d[p + 1] + A);
                if (y < h - 1) {
                    v = min(v, d[p + w] + A);
                    if (x < w - 1) v = min(v, d[p + w + 1] + B);
                    if (x > 0) v = min(v, d[p + w - 1] + B);
                }
                d[p] = v;
            }
        }
        return d;
    }
}

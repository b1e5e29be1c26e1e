package dev.engram.vos;

import dev.engram.vos.features.WorkingImage;

/**
 * What RMSCL compares frames by: a unit-length summary of one frame as one object saw it, long
 * enough that a memory of a few hundred entries is not an overcomplete dictionary of it (a frame
 * then cannot be rebuilt from any others just because there are more entries than dimensions).
 * Blocks, each scaled to unit length before the whole is: the object's and the background's Lab
 * colour histograms ({@value #L_BINS}×{@value #AB_BINS}×{@value #AB_BINS} bins each, square-rooted),
 * the object's occupancy of a {@value #GRID}×{@value #GRID} grid over the frame, and, with a
 * backbone, the object's and the background's mean deep features.
 */
final class FrameDescriptor {
    static final int L_BINS = 5, AB_BINS = 8, GRID = 8;
    private static final int HIST = L_BINS * AB_BINS * AB_BINS;

    private FrameDescriptor() {}

    static int length(int appearanceDims) {
        int deep = appearanceDims - WorkingImage.DIMS;
        return 2 * HIST + GRID * GRID + (deep > 0 ? 2 * deep : 0);
    }

    /** The descriptor of {@code img} with the object where {@code prob >= 0.5}. */
    static float[] of(WorkingImage img, float[] prob) {
        int w = img.width, h = img.height, dims = img.dims, deep = dims - WorkingImage.DIMS;
        float[] d = new float[length(dims)];
        int gridOff = 2 * HIST, deepOff = gridOff + GRID * GRID;
        float[] cells = new float[GRID * GRID];
        for (int y = 0, p = 0; y < h; y++) {
            int gy = y * GRID / h;
            float[] f = img.row(y);
            for (int x = 0; x < w; x++, p++) {
                boolean in = prob[p] >= 0.5f;
                int o = x * dims;
                int bin = (bin(f[o], L_BINS) * AB_BINS + bin(f[o + 1], AB_BINS)) * AB_BINS + bin(f[o + 2], AB_BINS);
                d[(in ? 0 : HIST) + bin]++;
                int cell = gy * GRID + x * GRID / w;
                cells[cell]++;
                if (in) d[gridOff + cell]++;
                if (deep > 0) {
                    int base = deepOff + (in ? 0 : deep);
                    for (int k = 0; k < deep; k++) d[base + k] += f[o + WorkingImage.DIMS + k];
                }
            }
        }
        for (int i = 0; i < 2 * HIST; i++) d[i] = (float) Math.sqrt(d[i]);
        for (int c = 0; c < GRID * GRID; c++) d[gridOff + c] /= Math.max(1f, cells[c]);
        unit(d, 0, HIST);
        unit(d, HIST, 2 * HIST);
        unit(d, gridOff, deepOff);
        int blocks = 3;
        if (deep > 0) {
            unit(d, deepOff, deepOff + deep);
            unit(d, deepOff + deep, deepOff + 2 * deep);
            blocks += 2;
        }
        float s = (float) (1 / Math.sqrt(blocks));
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return d;
    }

    private static int bin(float v, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) (v * bins)));
    }

    private static void unit(float[] d, int from, int to) {
        double sq = 0;
        for (int i = from; i < to; i++) sq += (double) d[i] * d[i];
        if (sq == 0) return;
        float inv = (float) (1 / Math.sqrt(sq));
        for (int i = from; i < to; i++) d[i] *= inv;
    }
}

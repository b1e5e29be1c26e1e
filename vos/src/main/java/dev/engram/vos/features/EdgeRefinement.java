package dev.engram.vos.features;

/**
 * Snaps working-resolution probability maps to the full-resolution frame's edges with a fast guided
 * filter (He and Sun, 2015): the guided filter's local linear coefficients (colour guide) are fitted at
 * working resolution against the frame area-averaged to it, then upsampled bilinearly and applied to
 * the full-resolution RGB. The full-resolution guided filter it replaces cost four times as much per
 * frame for the same boundaries. Plain Java, no native state; one instance per frame, shared by the
 * frame's objects (the guide's statistics are computed once).
 */
public final class EdgeRefinement {
    private final byte[] rgb;
    private final int width, height, w, h, radius;
    /** Guide means per channel at working resolution (0..1). */
    private final float[] mr, mg, mb;
    /** Inverse of the guide's regularised 3×3 covariance per pixel: rr, rg, rb, gg, gb, bb. */
    private final float[] irr, irg, irb, igg, igb, ibb;
    /** The guide at working resolution (0..1). */
    private final float[] r, g, b;
    /** Reciprocal window sizes along a row and a column (windows are clipped at the borders). */
    private final float[] invW, invH;

    /**
     * @param rgb the frame, interleaved RGB bytes, {@code width × height}
     * @param workW working width the probability maps have
     * @param radius window radius in full-resolution pixels
     * @param eps regularisation for guide values in 0..1 (larger = smoother)
     */
    public EdgeRefinement(byte[] rgb, int width, int height, int workW, int workH, int radius, double eps) {
        this.rgb = rgb;
        this.width = width;
        this.height = height;
        this.w = workW;
        this.h = workH;
        this.radius = Math.max(1, Math.round(radius * workW / (float) width));
        int n = w * h;
        invW = inverseCounts(w, this.radius);
        invH = inverseCounts(h, this.radius);
        float[][] guide = Resample.areaDownRgb(rgb, width, height, w, h);
        r = guide[0];
        g = guide[1];
        b = guide[2];
        float[] tmp = new float[n];
        mr = box(r, tmp);
        mg = box(g, tmp);
        mb = box(b, tmp);
        float[] vrr = box(product(r, r), tmp), vrg = box(product(r, g), tmp), vrb = box(product(r, b), tmp);
        float[] vgg = box(product(g, g), tmp), vgb = box(product(g, b), tmp), vbb = box(product(b, b), tmp);
        // The inverse overwrites the second moments in place: each pixel reads all six before writing them.
        irr = vrr; irg = vrg; irb = vrb; igg = vgg; igb = vgb; ibb = vbb;
        float e = (float) eps;
        for (int i = 0; i < n; i++) {
            float sRR = vrr[i] - mr[i] * mr[i] + e, sRG = vrg[i] - mr[i] * mg[i], sRB = vrb[i] - mr[i] * mb[i];
            float sGG = vgg[i] - mg[i] * mg[i] + e, sGB = vgb[i] - mg[i] * mb[i], sBB = vbb[i] - mb[i] * mb[i] + e;
            float cRR = sGG * sBB - sGB * sGB, cRG = sGB * sRB - sRG * sBB, cRB = sRG * sGB - sGG * sRB;
            float cGG = sRR * sBB - sRB * sRB, cGB = sRB * sRG - sRR * sGB, cBB = sRR * sGG - sRG * sRG;
            float inv = 1f / (sRR * cRR + sRG * cRG + sRB * cRB);
            irr[i] = cRR * inv; irg[i] = cRG * inv; irb[i] = cRB * inv;
            igg[i] = cGG * inv; igb[i] = cGB * inv; ibb[i] = cBB * inv;
        }
    }

    /** The refined full-resolution map of a working-resolution probability map (values about 0..1). */
    public float[] refine(float[] prob) {
        int n = w * h;
        if (prob.length != n) throw new IllegalArgumentException("expected a " + w + "x" + h + " map, got " + prob.length + " values");
        float[] tmp = new float[n];
        float[] mp = box(prob, tmp);
        float[] pr = box(product(r, prob), tmp), pg = box(product(g, prob), tmp), pb = box(product(b, prob), tmp);
        // Coefficients a = Σ⁻¹ cov(I, p), b = mean(p) − a·mean(I), written over the box outputs.
        for (int i = 0; i < n; i++) {
            float cr = pr[i] - mr[i] * mp[i], cg = pg[i] - mg[i] * mp[i], cb = pb[i] - mb[i] * mp[i];
            float ar = irr[i] * cr + irg[i] * cg + irb[i] * cb;
            float ag = irg[i] * cr + igg[i] * cg + igb[i] * cb;
            float ab = irb[i] * cr + igb[i] * cg + ibb[i] * cb;
            pr[i] = ar;
            pg[i] = ag;
            pb[i] = ab;
            mp[i] = mp[i] - ar * mr[i] - ag * mg[i] - ab * mb[i];
        }
        float[] ar = box(pr, tmp), ag = box(pg, tmp), ab = box(pb, tmp), bb = box(mp, tmp);
        return apply(ar, ag, ab, bb);
    }

    /** q = a·I + b at full resolution, the coefficient maps upsampled bilinearly (centres aligned, as {@link Resample#bilinearUp}). */
    private float[] apply(float[] ar, float[] ag, float[] ab, float[] bb) {
        float[] out = new float[width * height];
        Resample.Taps xs = Resample.Taps.of(w, width), ys = Resample.Taps.of(h, height);
        int[] x0s = xs.lo(), x1s = xs.hi();
        float[] fxs = xs.frac();
        final float k = 1f / 255f;
        for (int y = 0; y < height; y++) {
            float fy = ys.frac()[y];
            int r0 = ys.lo()[y] * w, r1 = ys.hi()[y] * w;
            for (int x = 0; x < width; x++) {
                float fx = fxs[x];
                int i00 = r0 + x0s[x], i01 = r0 + x1s[x], i10 = r1 + x0s[x], i11 = r1 + x1s[x];
                float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
                float cr = w00 * ar[i00] + w01 * ar[i01] + w10 * ar[i10] + w11 * ar[i11];
                float cg = w00 * ag[i00] + w01 * ag[i01] + w10 * ag[i10] + w11 * ag[i11];
                float cb = w00 * ab[i00] + w01 * ab[i01] + w10 * ab[i10] + w11 * ab[i11];
                float c0 = w00 * bb[i00] + w01 * bb[i01] + w10 * bb[i10] + w11 * bb[i11];
                int p = y * width + x, q = p * 3;
                out[p] = c0 + k * (cr * (rgb[q] & 0xFF) + cg * (rgb[q + 1] & 0xFF) + cb * (rgb[q + 2] & 0xFF));
            }
        }
        return out;
    }

    /** Element-wise product. */
    private static float[] product(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] * y[i];
        return out;
    }

    /**
     * Mean over the (2·radius+1)² window around each pixel, the window clipped at the borders; separable
     * running sums into a new array ({@code tmp} is scratch).
     */
    private float[] box(float[] src, float[] tmp) {
        int rad = radius;
        // Rows four at a time: a running sum is a chain of dependent additions, four chains overlap.
        int y = 0;
        for (; y + 3 < h; y += 4) {
            int r0 = y * w, r1 = r0 + w, r2 = r1 + w, r3 = r2 + w;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int x = 0; x <= Math.min(rad, w - 1); x++) {
                s0 += src[r0 + x];
                s1 += src[r1 + x];
                s2 += src[r2 + x];
                s3 += src[r3 + x];
            }
            for (int x = 0; x < w; x++) {
                float inv = invW[x];
                tmp[r0 + x] = s0 * inv;
                tmp[r1 + x] = s1 * inv;
                tmp[r2 + x] = s2 * inv;
                tmp[r3 + x] = s3 * inv;
                int add = x + rad + 1, sub = x - rad;
                if (add < w) {
                    s0 += src[r0 + add];
                    s1 += src[r1 + add];
                    s2 += src[r2 + add];
                    s3 += src[r3 + add];
                }
                if (sub >= 0) {
                    s0 -= src[r0 + sub];
                    s1 -= src[r1 + sub];
                    s2 -= src[r2 + sub];
                    s3 -= src[r3 + sub];
                }
            }
        }
        for (; y < h; y++) {
            int row = y * w;
            float s = 0;
            for (int x = 0; x <= Math.min(rad, w - 1); x++) s += src[row + x];
            for (int x = 0; x < w; x++) {
                tmp[row + x] = s * invW[x];
                if (x + rad + 1 < w) s += src[row + x + rad + 1];
                if (x - rad >= 0) s -= src[row + x - rad];
            }
        }
        float[] out = new float[w * h];
        float[] colSum = new float[w];
        for (int yy = 0; yy <= Math.min(rad, h - 1); yy++) {
            int row = yy * w;
            for (int x = 0; x < w; x++) colSum[x] += tmp[row + x];
        }
        for (int yy = 0; yy < h; yy++) {
            float inv = invH[yy];
            int row = yy * w;
            for (int x = 0; x < w; x++) out[row + x] = colSum[x] * inv;
            if (yy + rad + 1 < h) {
                int add = (yy + rad + 1) * w;
                for (int x = 0; x < w; x++) colSum[x] += tmp[add + x];
            }
            if (yy - rad >= 0) {
                int sub = (yy - rad) * w;
                for (int x = 0; x < w; x++) colSum[x] -= tmp[sub + x];
            }
        }
        return out;
    }

    /** 1 / the number of window positions inside a line of {@code n} pixels, per pixel. */
    private static float[] inverseCounts(int n, int rad) {
        float[] inv = new float[n];
        for (int i = 0; i < n; i++) inv[i] = 1f / (Math.min(n - 1, i + rad) - Math.max(0, i - rad) + 1);
        return inv;
    }
}

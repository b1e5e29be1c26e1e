package dev.engram.vos.features;

/**
 * Snaps working-resolution probability maps to the full-resolution frame's edges with a fast guided
 * filter (He and Sun, 2015): the guided filter's local linear coefficients (colour guide) are fitted at
 * working resolution against the frame area-averaged to it, then upsampled bilinearly and applied to
 * the full-resolution RGB. The full-resolution guided filter it replaces cost four times as much per
 * frame for the same boundaries. Plain Java, no native state; one instance per frame, shared by the
 * frame's objects (the guide's statistics are computed once). It computes in {@link Buffers}, which a
 * segmenter's resources keep from frame to frame: two dozen fresh megabyte-sized arrays per frame had
 * cost a memory clear (and, while the heap grew, page faults) worth a sixth of the refinement's time.
 */
public final class EdgeRefinement {
    /**
     * The arrays a refinement computes in, for one frame size and working size. Every value is written
     * before it is read, so they may hold an earlier frame's. Not thread-safe: one refinement at a time.
     */
    public static final class Buffers {
        final int width, height, w, h;
        final float[] r, g, b, count, mr, mg, mb, irr, irg, irb, igg, igb, ibb, tmp, mp, pr, pg, pb, colSum, out;

        public Buffers(int width, int height, int workW, int workH) {
            this.width = width;
            this.height = height;
            this.w = workW;
            this.h = workH;
            int n = workW * workH;
            r = new float[n];
            g = new float[n];
            b = new float[n];
            count = new float[n];
            mr = new float[n];
            mg = new float[n];
            mb = new float[n];
            irr = new float[n];
            irg = new float[n];
            irb = new float[n];
            igg = new float[n];
            igb = new float[n];
            ibb = new float[n];
            tmp = new float[n];
            mp = new float[n];
            pr = new float[n];
            pg = new float[n];
            pb = new float[n];
            colSum = new float[workW];
            out = new float[width * height];
        }

        /** Whether these buffers fit a frame of this size worked at this size. */
        public boolean fits(int width, int height, int workW, int workH) {
            return this.width == width && this.height == height && this.w == workW && this.h == workH;
        }
    }

    private final byte[] rgb;
    private final Buffers buf;
    private final int width, height, w, h, radius;
    /** Reciprocal window sizes along a row and a column (windows are clipped at the borders). */
    private final float[] invW, invH;

    /** A refinement in buffers of its own (see {@link #EdgeRefinement(byte[], int, int, int, int, int, double, Buffers)}). */
    public EdgeRefinement(byte[] rgb, int width, int height, int workW, int workH, int radius, double eps) {
        this(rgb, width, height, workW, workH, radius, eps, new Buffers(width, height, workW, workH));
    }

    /**
     * @param rgb the frame, interleaved RGB bytes, {@code width × height}
     * @param workW working width the probability maps have
     * @param radius window radius in full-resolution pixels
     * @param eps regularisation for guide values in 0..1 (larger = smoother)
     * @param buffers where it computes (they must {@link Buffers#fits fit} the sizes); one refinement at a time
     */
    public EdgeRefinement(byte[] rgb, int width, int height, int workW, int workH, int radius, double eps, Buffers buffers) {
        if (!buffers.fits(width, height, workW, workH)) {
            throw new IllegalArgumentException("refinement buffers for " + buffers.width + "x" + buffers.height + " worked at "
                    + buffers.w + "x" + buffers.h + ", not " + width + "x" + height + " at " + workW + "x" + workH);
        }
        this.rgb = rgb;
        this.buf = buffers;
        this.width = width;
        this.height = height;
        this.w = workW;
        this.h = workH;
        this.radius = Math.max(1, Math.round(radius * workW / (float) width));
        int n = w * h;
        invW = inverseCounts(w, this.radius);
        invH = inverseCounts(h, this.radius);
        float[] r = buf.r, g = buf.g, b = buf.b, tmp = buf.tmp;
        Resample.areaDownRgb(rgb, width, height, w, h, r, g, b, buf.count);
        float[] mr = box(r, tmp, buf.mr), mg = box(g, tmp, buf.mg), mb = box(b, tmp, buf.mb);
        // Second moments, boxed in place, then overwritten in place by the inverse (each pixel reads all six before writing them).
        float[] vrr = box(product(r, r, buf.irr), tmp, buf.irr), vrg = box(product(r, g, buf.irg), tmp, buf.irg),
                vrb = box(product(r, b, buf.irb), tmp, buf.irb);
        float[] vgg = box(product(g, g, buf.igg), tmp, buf.igg), vgb = box(product(g, b, buf.igb), tmp, buf.igb),
                vbb = box(product(b, b, buf.ibb), tmp, buf.ibb);
        float[] irr = vrr, irg = vrg, irb = vrb, igg = vgg, igb = vgb, ibb = vbb;
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

    /**
     * The refined full-resolution map of a working-resolution probability map (values about 0..1), in
     * the buffers' output array: valid until the next {@code refine} on the same buffers.
     */
    public float[] refine(float[] prob) {
        int n = w * h;
        if (prob.length != n) throw new IllegalArgumentException("expected a " + w + "x" + h + " map, got " + prob.length + " values");
        float[] tmp = buf.tmp, r = buf.r, g = buf.g, b = buf.b, mr = buf.mr, mg = buf.mg, mb = buf.mb;
        float[] irr = buf.irr, irg = buf.irg, irb = buf.irb, igg = buf.igg, igb = buf.igb, ibb = buf.ibb;
        float[] mp = box(prob, tmp, buf.mp);
        float[] pr = box(product(r, prob, buf.pr), tmp, buf.pr), pg = box(product(g, prob, buf.pg), tmp, buf.pg),
                pb = box(product(b, prob, buf.pb), tmp, buf.pb);
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
        float[] ar = box(pr, tmp, pr), ag = box(pg, tmp, pg), ab = box(pb, tmp, pb), bb = box(mp, tmp, mp);
        return apply(ar, ag, ab, bb);
    }

    /** q = a·I + b at full resolution, the coefficient maps upsampled bilinearly (centres aligned, as {@link Resample#bilinearUp}). */
    private float[] apply(float[] ar, float[] ag, float[] ab, float[] bb) {
        float[] out = buf.out;
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

    /** Element-wise product into {@code out}. */
    private static float[] product(float[] x, float[] y, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = x[i] * y[i];
        return out;
    }

    /**
     * Mean over the (2·radius+1)² window around each pixel, the window clipped at the borders; separable
     * running sums into {@code out}, which may be {@code src} ({@code tmp} is scratch: the row pass reads
     * {@code src} whole before the column pass writes {@code out}).
     */
    private float[] box(float[] src, float[] tmp, float[] out) {
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
        float[] colSum = buf.colSum;
        java.util.Arrays.fill(colSum, 0f);
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

package dev.engram.vos.features;

/** Plain-Java resampling of single-channel maps between full and working resolution. */
public final class Resample {
    private Resample() {}

    /**
     * Where each of {@code dst} output positions samples a line of {@code src} inputs for bilinear
     * upsampling with pixel centres aligned: inputs {@code lo[i]}, {@code hi[i]} and the weight
     * {@code frac[i]} of {@code hi[i]}.
     */
    record Taps(int[] lo, int[] hi, float[] frac) {
        static Taps of(int src, int dst) {
            int[] lo = new int[dst], hi = new int[dst];
            float[] frac = new float[dst];
            float scale = src / (float) dst;
            for (int i = 0; i < dst; i++) {
                float s = Math.min(Math.max((i + 0.5f) * scale - 0.5f, 0), src - 1);
                int i0 = Math.min((int) s, Math.max(0, src - 2));
                lo[i] = i0;
                hi[i] = Math.min(i0 + 1, src - 1);
                frac[i] = src == 1 ? 0 : s - i0;
            }
            return new Taps(lo, hi, frac);
        }
    }

    /** Area-average of a binary mask (true = 1) down to (w, h): the share of each cell covered. */
    public static float[] areaDown(boolean[] mask, int srcW, int srcH, int w, int h) {
        float[] map = new float[mask.length];
        for (int i = 0; i < mask.length; i++) if (mask[i]) map[i] = 1f;
        return areaDown(map, srcW, srcH, w, h);
    }

    /** Area-average of a map down to (w, h). */
    public static float[] areaDown(float[] map, int srcW, int srcH, int w, int h) {
        float[] sum = new float[w * h];
        float[] cnt = new float[w * h];
        int[] tx = cells(srcW, w), ty = cells(srcH, h);
        for (int y = 0; y < srcH; y++) {
            int row = ty[y] * w;
            for (int x = 0; x < srcW; x++) {
                int t = row + tx[x];
                cnt[t]++;
                sum[t] += map[y * srcW + x];
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] = cnt[i] == 0 ? 0 : sum[i] / cnt[i];
        return sum;
    }

    /** Area-average of interleaved RGB bytes down to (w, h): three maps (R, G, B) with values 0..1. */
    public static float[][] areaDownRgb(byte[] rgb, int srcW, int srcH, int w, int h) {
        float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
        areaDownRgb(rgb, srcW, srcH, w, h, r, g, b, new float[w * h]);
        return new float[][] {r, g, b};
    }

    /** {@link #areaDownRgb(byte[], int, int, int, int)} into {@code r}, {@code g}, {@code b} ({@code cnt} is scratch; all are overwritten). */
    static void areaDownRgb(byte[] rgb, int srcW, int srcH, int w, int h, float[] r, float[] g, float[] b, float[] cnt) {
        java.util.Arrays.fill(r, 0, w * h, 0f);
        java.util.Arrays.fill(g, 0, w * h, 0f);
        java.util.Arrays.fill(b, 0, w * h, 0f);
        java.util.Arrays.fill(cnt, 0, w * h, 0f);
        int[] tx = cells(srcW, w), ty = cells(srcH, h);
        for (int y = 0; y < srcH; y++) {
            int row = ty[y] * w;
            for (int x = 0; x < srcW; x++) {
                int t = row + tx[x], q = (y * srcW + x) * 3;
                cnt[t]++;
                r[t] += rgb[q] & 0xFF;
                g[t] += rgb[q + 1] & 0xFF;
                b[t] += rgb[q + 2] & 0xFF;
            }
        }
        for (int i = 0; i < cnt.length; i++) {
            float s = cnt[i] == 0 ? 0 : 1f / (255f * cnt[i]);
            r[i] *= s;
            g[i] *= s;
            b[i] *= s;
        }
    }

    /** The cell of n cells each of src positions falls in (area resampling). */
    private static int[] cells(int src, int n) {
        int[] t = new int[src];
        for (int i = 0; i < src; i++) t[i] = Math.min(n - 1, (int) ((i + 0.5) * n / src));
        return t;
    }

    /**
     * Writes the sum of the bilinear upsamplings of several sources, each of {@code dims} interleaved
     * maps ({@code srcs[i][cell * dims + k]} at ({@code ws[i]}, {@code hs[i]})), to
     * {@code out[y][x * stride + offset + k]} at (dstW, dstH), one array per output row, overwriting what
     * was there. Per map the same arithmetic as {@link #bilinearUp}, summed from zero in source order, so
     * the result equals adding each upsampled map into zeroed rows; but each source cell is read once for
     * all maps, and the first source overwrites every output value (rows can be reused without clearing
     * them; at least one source is required). The sources' rows are interpolated along x into
     * {@code xRows[i]} ({@code hs[i] × dstW × dims} floats each, overwritten), which a caller can keep
     * from call to call.
     */
    public static void bilinearUpSum(float[][] srcs, int[] ws, int[] hs, int dims, float[][] out, int dstW, int dstH, int offset,
            int stride, float[][] xRows) {
        if (srcs.length == 0) throw new IllegalArgumentException("no source maps to upsample");
        int m = srcs.length, rowLen = dstW * dims;
        // Every source row interpolated along x first (the "top" and "bottom" of bilinearUp), once.
        Taps[] ys = new Taps[m];
        for (int i = 0; i < m; i++) {
            int w = ws[i], h = hs[i];
            float[] src = srcs[i], r = xRows[i];
            Taps xs = Taps.of(w, dstW);
            for (int x = 0; x < dstW; x++) {
                float fx = xs.frac()[x];
                for (int y = 0; y < h; y++) {
                    int a = (y * w + xs.lo()[x]) * dims, b = (y * w + xs.hi()[x]) * dims, o = (y * dstW + x) * dims;
                    for (int k = 0; k < dims; k++) r[o + k] = src[a + k] + fx * (src[b + k] - src[a + k]);
                }
            }
            ys[i] = Taps.of(h, dstH);
        }
        // Summed straight into the output rows: the first source as 0 + value, then each further one
        // added, the same float operations in the same order as accumulating in a zeroed row.
        for (int y = 0; y < dstH; y++) {
            float[] o = out[y];
            for (int i = 0; i < m; i++) {
                float fy = ys[i].frac()[y];
                float[] r = xRows[i];
                int t = ys[i].lo()[y] * rowLen, u = ys[i].hi()[y] * rowLen;
                for (int x = 0; x < dstW; x++) {
                    int j0 = x * dims, o0 = x * stride + offset;
                    if (i == 0) {
                        for (int k = 0; k < dims; k++) {
                            float top = r[t + j0 + k];
                            o[o0 + k] = 0f + (top + fy * (r[u + j0 + k] - top));
                        }
                    } else {
                        for (int k = 0; k < dims; k++) {
                            float top = r[t + j0 + k];
                            o[o0 + k] += top + fy * (r[u + j0 + k] - top);
                        }
                    }
                }
            }
        }
    }

    /** Bilinear upsampling of a map from (w, h) to (dstW, dstH), pixel centres aligned. */
    public static float[] bilinearUp(float[] src, int w, int h, int dstW, int dstH) {
        float[] out = new float[dstW * dstH];
        Taps xs = Taps.of(w, dstW), ys = Taps.of(h, dstH);
        for (int y = 0; y < dstH; y++) {
            float fy = ys.frac()[y];
            int r0 = ys.lo()[y] * w, r1 = ys.hi()[y] * w;
            for (int x = 0; x < dstW; x++) {
                int x0 = xs.lo()[x], x1 = xs.hi()[x];
                float fx = xs.frac()[x];
                float top = src[r0 + x0] + fx * (src[r0 + x1] - src[r0 + x0]);
                float bot = src[r1 + x0] + fx * (src[r1 + x1] - src[r1 + x0]);
                out[y * dstW + x] = top + fy * (bot - top);
            }
        }
        return out;
    }
}

package dev.engram.vos.features;

/** Plain-Java resampling of single-channel maps between full and working resolution. */
public final class Resample {
    private Resample() {}

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
        int[] tx = new int[srcW];
        for (int x = 0; x < srcW; x++) tx[x] = Math.min(w - 1, (int) ((x + 0.5) * w / srcW));
        for (int y = 0; y < srcH; y++) {
            int row = Math.min(h - 1, (int) ((y + 0.5) * h / srcH)) * w;
            for (int x = 0; x < srcW; x++) {
                int t = row + tx[x];
                cnt[t]++;
                sum[t] += map[y * srcW + x];
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] = cnt[i] == 0 ? 0 : sum[i] / cnt[i];
        return sum;
    }

    /** Bilinear upsampling of a map from (w, h) to (dstW, dstH), pixel centres aligned. */
    public static float[] bilinearUp(float[] src, int w, int h, int dstW, int dstH) {
        float[] out = new float[dstW * dstH];
        float sxScale = w / (float) dstW, syScale = h / (float) dstH;
        int[] x0s = new int[dstW];
        float[] fxs = new float[dstW];
        for (int x = 0; x < dstW; x++) {
            float sx = Math.min(Math.max((x + 0.5f) * sxScale - 0.5f, 0), w - 1);
            int x0 = Math.min((int) sx, Math.max(0, w - 2));
            x0s[x] = x0;
            fxs[x] = w == 1 ? 0 : sx - x0;
        }
        for (int y = 0; y < dstH; y++) {
            float sy = Math.min(Math.max((y + 0.5f) * syScale - 0.5f, 0), h - 1);
            int y0 = Math.min((int) sy, Math.max(0, h - 2));
            float fy = h == 1 ? 0 : sy - y0;
            int r0 = y0 * w, r1 = Math.min(y0 + 1, h - 1) * w;
            for (int x = 0; x < dstW; x++) {
                int x0 = x0s[x], x1 = Math.min(x0 + 1, w - 1);
                float fx = fxs[x];
                float top = src[r0 + x0] + fx * (src[r0 + x1] - src[r0 + x0]);
                float bot = src[r1 + x0] + fx * (src[r1 + x1] - src[r1 + x0]);
                out[y * dstW + x] = top + fy * (bot - top);
            }
        }
        return out;
    }
}

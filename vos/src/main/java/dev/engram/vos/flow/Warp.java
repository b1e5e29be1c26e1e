package dev.engram.vos.flow;

/** Backward warping of per-pixel maps along a dense flow field, in plain Java (deterministic). */
public final class Warp {
    private Warp() {}

    /**
     * out(p) = src(p + flow(p)), bilinear, with samples outside the image taking {@code outside}.
     * With flow computed from the current frame to the previous one, this carries the previous
     * frame's map into the current frame.
     */
    public static float[] backward(float[] src, float[] flow, int width, int height, float outside) {
        float[] out = new float[width * height];
        for (int y = 0, p = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p++) {
                float sx = x + flow[2 * p], sy = y + flow[2 * p + 1];
                if (sx < -0.5f || sy < -0.5f || sx > width - 0.5f || sy > height - 0.5f) {
                    out[p] = outside;
                    continue;
                }
                sx = Math.min(Math.max(sx, 0), width - 1);
                sy = Math.min(Math.max(sy, 0), height - 1);
                int x0 = Math.min((int) sx, width - 2), y0 = Math.min((int) sy, height - 2);
                float fx = sx - x0, fy = sy - y0;
                int q = y0 * width + x0;
                float top = src[q] + fx * (src[q + 1] - src[q]);
                float bot = src[q + width] + fx * (src[q + width + 1] - src[q + width]);
                out[p] = top + fy * (bot - top);
            }
        }
        return out;
    }
}

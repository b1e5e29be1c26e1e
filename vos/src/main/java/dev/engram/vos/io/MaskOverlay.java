package dev.engram.vos.io;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;

/**
 * Draws a mask over a frame for overlay videos: each object's pixels are blended with its
 * {@link DavisPalette} colour, and pixels on an object's boundary (a 4-neighbour has another id)
 * are painted in the full colour. Background pixels are left as they are.
 */
public final class MaskOverlay {
    private MaskOverlay() {}

    /**
     * Returns new interleaved RGB bytes; the frame is not modified.
     *
     * @param alpha weight of the palette colour inside objects, 0 (frame only) to 1 (colour only)
     * @throws IllegalArgumentException when the mask size differs from the frame or alpha is outside [0, 1]
     */
    public static byte[] tint(Frame frame, Mask mask, double alpha) {
        int w = frame.width, h = frame.height;
        if (mask.width != w || mask.height != h) {
            throw new IllegalArgumentException(frame.describe() + ": mask is " + mask.width + "x" + mask.height
                    + " but the frame is " + w + "x" + h);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        int a = (int) Math.round(alpha * 256);
        byte[] out = frame.rgb.clone();
        byte[] ids = mask.ids;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                int id = ids[i] & 0xFF;
                if (id == 0) {
                    continue;
                }
                int c = DavisPalette.rgb(id);
                boolean edge = (x > 0 && ids[i - 1] != ids[i]) || (x < w - 1 && ids[i + 1] != ids[i])
                        || (y > 0 && ids[i - w] != ids[i]) || (y < h - 1 && ids[i + w] != ids[i]);
                int o = 3 * i;
                for (int ch = 0; ch < 3; ch++) {
                    int col = (c >> (16 - 8 * ch)) & 0xFF;
                    int v = out[o + ch] & 0xFF;
                    out[o + ch] = (byte) (edge ? col : v + ((col - v) * a >> 8));
                }
            }
        }
        return out;
    }
}

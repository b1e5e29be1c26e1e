package dev.engram.operators;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;

/** Small deterministic frames: a bright square moving on a dark background, annotated at frame 0. */
final class TestFrames {
    static final int W = 32;
    static final int H = 24;

    private TestFrames() {}

    static LabeledFrame frame(String stream, long index) {
        int x0 = (int) (2 + index % 12), y0 = 4;
        byte[] rgb = new byte[W * H * 3];
        byte[] ids = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = x >= x0 && x < x0 + 8 && y >= y0 && y < y0 + 8;
                int p = y * W + x;
                rgb[3 * p] = (byte) (inside ? 220 : 20 + x);
                rgb[3 * p + 1] = (byte) (inside ? 200 : 30 + y);
                rgb[3 * p + 2] = (byte) (inside ? 40 : 60);
                ids[p] = (byte) (inside ? 1 : 0);
            }
        }
        Frame f = new Frame(stream, index, W, H, rgb).withOrigin("test:" + stream + "/" + index);
        f.timestampMs = index * 40;
        Mask gt = new Mask(W, H, ids);
        if (index == 0) f.withAnnotation(gt);
        return new LabeledFrame(f, gt);
    }
}

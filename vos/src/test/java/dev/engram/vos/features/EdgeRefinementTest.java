package dev.engram.vos.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeRefinementTest {
    private static final int W = 200, H = 120, WW = 100, WH = 60;

    /** A frame whose left part (x < edge) is dark red and the rest light grey, plus mild noise. */
    private static byte[] frame(int edge) {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int q = (y * W + x) * 3, n = rnd.nextInt(7) - 3;
                int[] c = x < edge ? new int[] {150, 30, 30} : new int[] {200, 200, 200};
                for (int k = 0; k < 3; k++) rgb[q + k] = (byte) Math.max(0, Math.min(255, c[k] + n));
            }
        }
        return rgb;
    }

    @Test
    void aConstantMapStaysConstant() {
        float[] prob = new float[WW * WH];
        java.util.Arrays.fill(prob, 0.7f);
        float[] out = new EdgeRefinement(frame(83), W, H, WW, WH, 16, 5e-3).refine(prob);
        assertEquals(W * H, out.length);
        for (float v : out) assertEquals(0.7f, v, 1e-3f);
    }

    @Test
    void aBlurredMaskSnapsToTheFramesEdge() {
        int edge = 83; // full-resolution column where the object (left part) ends
        // The working-resolution belief: a soft ramp 8 working pixels wide, centred 3 px (6 full px) off the edge.
        float[] prob = new float[WW * WH];
        for (int y = 0; y < WH; y++) {
            for (int x = 0; x < WW; x++) prob[y * WW + x] = Math.max(0f, Math.min(1f, 0.5f - (x + 0.5f - (edge / 2f + 3)) / 8f));
        }
        float[] refined = new EdgeRefinement(frame(edge), W, H, WW, WH, 16, 5e-3).refine(prob);
        float[] plain = Resample.bilinearUp(prob, WW, WH, W, H);
        int wrongRefined = 0, wrongPlain = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean truth = x < edge;
                if ((refined[y * W + x] > 0.5f) != truth) wrongRefined++;
                if ((plain[y * W + x] > 0.5f) != truth) wrongPlain++;
            }
        }
        assertTrue(wrongPlain >= 5 * H, "the unrefined map is off by several columns: " + wrongPlain);
        assertTrue(wrongRefined <= wrongPlain / 5, "refined " + wrongRefined + " wrong pixels, unrefined " + wrongPlain);
    }

    @Test
    void interleavedUpsamplingEqualsOneMapAtATime() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] sizes = {{7, 5, 53, 31}, {1, 4, 9, 17}, {6, 1, 30, 3}, {54, 30, 428, 240}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1], dw = s[2], dh = s[3], dims = 5;
            float[] src = new float[w * h * dims];
            for (int i = 0; i < src.length; i++) src[i] = (float) rnd.nextGaussian();
            float[][] out = new float[dh][dw * dims];
            Resample.bilinearUpAdd(src, dims, w, h, out, dw, dh, 0, dims);
            for (int k = 0; k < dims; k++) {
                float[] one = new float[w * h];
                for (int i = 0; i < one.length; i++) one[i] = src[i * dims + k];
                float[] up = Resample.bilinearUp(one, w, h, dw, dh);
                float[] got = new float[dw * dh];
                for (int p = 0; p < got.length; p++) got[p] = out[p / dw][(p % dw) * dims + k];
                assertArrayEquals(up, got, 0f, "map " + k + " at " + java.util.Arrays.toString(s));
            }
        }
    }
}

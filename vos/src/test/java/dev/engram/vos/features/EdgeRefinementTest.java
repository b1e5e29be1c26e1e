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
    void keptBuffersGiveWhatFreshBuffersGive() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] p1 = new float[WW * WH], p2 = new float[WW * WH];
        for (int i = 0; i < p1.length; i++) {
            p1[i] = rnd.nextFloat();
            p2[i] = rnd.nextFloat();
        }
        EdgeRefinement.Buffers kept = new EdgeRefinement.Buffers(W, H, WW, WH);
        // The buffers first hold another frame's refinement, then serve two objects of one frame in turn.
        new EdgeRefinement(frame(40), W, H, WW, WH, 16, 5e-3, kept).refine(p2);
        EdgeRefinement reused = new EdgeRefinement(frame(83), W, H, WW, WH, 16, 5e-3, kept);
        float[] a1 = reused.refine(p1).clone(), a2 = reused.refine(p2).clone();
        assertArrayEquals(new EdgeRefinement(frame(83), W, H, WW, WH, 16, 5e-3).refine(p1), a1);
        assertArrayEquals(new EdgeRefinement(frame(83), W, H, WW, WH, 16, 5e-3).refine(p2), a2);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EdgeRefinement(frame(83), W, H, WW + 1, WH, 16, 5e-3, kept));
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
    void interleavedUpsamplingOfSeveralSourcesEqualsAddingOneMapAtATimeIntoZeroedRows() {
        SplittableRandom rnd = new SplittableRandom(7);
        // {w, h} of two sources (coarser and finer), then the output size.
        int[][] sizes = {{7, 5, 14, 10, 53, 31}, {1, 4, 2, 8, 9, 17}, {6, 1, 12, 2, 30, 3}, {27, 15, 54, 30, 428, 240}};
        for (int[] s : sizes) {
            int dims = 5, dw = s[4], dh = s[5], stride = dims + 3, offset = 2;
            int[] ws = {s[0], s[2]}, hs = {s[1], s[3]};
            float[][] srcs = new float[2][];
            for (int i = 0; i < 2; i++) {
                srcs[i] = new float[ws[i] * hs[i] * dims];
                for (int j = 0; j < srcs[i].length; j++) srcs[i][j] = (float) rnd.nextGaussian();
            }
            // Rows holding an earlier frame: every feature slot is overwritten, the other slots are kept.
            float[][] out = new float[dh][dw * stride];
            for (float[] row : out) java.util.Arrays.fill(row, 9f);
            // Kept x-interpolation rows holding an earlier call's values, too.
            float[][] xRows = {new float[hs[0] * dw * dims], new float[hs[1] * dw * dims]};
            for (float[] r : xRows) java.util.Arrays.fill(r, -7f);
            Resample.bilinearUpSum(srcs, ws, hs, dims, out, dw, dh, offset, stride, xRows);
            for (int k = 0; k < dims; k++) {
                float[] expected = new float[dw * dh];
                for (int i = 0; i < 2; i++) {
                    float[] one = new float[ws[i] * hs[i]];
                    for (int j = 0; j < one.length; j++) one[j] = srcs[i][j * dims + k];
                    float[] up = Resample.bilinearUp(one, ws[i], hs[i], dw, dh);
                    for (int p = 0; p < up.length; p++) expected[p] += up[p];
                }
                float[] got = new float[dw * dh];
                for (int p = 0; p < got.length; p++) got[p] = out[p / dw][(p % dw) * stride + offset + k];
                assertArrayEquals(expected, got, 0f, "map " + k + " at " + java.util.Arrays.toString(s));
            }
            for (int p = 0; p < dw * dh; p++) {
                float[] row = out[p / dw];
                int c = (p % dw) * stride;
                for (int j : new int[] {0, 1, offset + dims}) assertEquals(9f, row[c + j], 0f, "slot " + j + " of pixel " + p);
            }
        }
    }
}

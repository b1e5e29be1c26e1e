package dev.engram.vos.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DavisMetricsTest {
    private static final int W = 100, H = 100;

    /** A filled axis-aligned square [x0, x0+side) x [y0, y0+side). */
    static boolean[] square(int x0, int y0, int side) {
        boolean[] m = new boolean[W * H];
        for (int y = y0; y < y0 + side; y++) for (int x = x0; x < x0 + side; x++) m[y * W + x] = true;
        return m;
    }

    @Test
    void emptyVersusEmptyScoresOne() {
        boolean[] e = new boolean[W * H];
        assertThat(DavisMetrics.jaccard(e, e, W, H)).isEqualTo(1.0);
        assertThat(DavisMetrics.boundaryF(e, e, W, H)).isEqualTo(1.0);
    }

    @Test
    void emptyPredictionOfAnObjectScoresZero() {
        boolean[] e = new boolean[W * H], s = square(20, 20, 10);
        assertThat(DavisMetrics.jaccard(s, e, W, H)).isEqualTo(0.0);
        // no predicted boundary: P = 1, R = 0
        assertThat(DavisMetrics.boundaryF(s, e, W, H)).isEqualTo(0.0);
    }

    @Test
    void predictionWhereNothingIsScoresZero() {
        boolean[] e = new boolean[W * H], s = square(20, 20, 10);
        assertThat(DavisMetrics.jaccard(e, s, W, H)).isEqualTo(0.0);
        // no true boundary: P = 0, R = 1
        assertThat(DavisMetrics.boundaryF(e, s, W, H)).isEqualTo(0.0);
    }

    @Test
    void identicalMasksScoreOne() {
        boolean[] s = square(20, 20, 10);
        assertThat(DavisMetrics.jaccard(s, s.clone(), W, H)).isEqualTo(1.0);
        assertThat(DavisMetrics.boundaryF(s, s.clone(), W, H)).isEqualTo(1.0);
    }

    @Test
    void radiusIsCeilOfDiagonalFraction() {
        // ceil(0.008 * sqrt(854² + 480²)) = ceil(7.837) = 8
        assertThat(DavisMetrics.boundaryRadius(854, 480)).isEqualTo(8);
        // ceil(0.008 * 141.42) = ceil(1.131) = 2
        assertThat(DavisMetrics.boundaryRadius(100, 100)).isEqualTo(2);
        assertThat(DavisMetrics.boundaryRadius(100, 100, 3.0)).isEqualTo(3);
    }

    @Test
    void onePixelShiftOfSquare() {
        boolean[] gt = square(20, 20, 10), pred = square(21, 20, 10);
        // overlap 9x10 = 90, union 110
        assertThat(DavisMetrics.jaccard(gt, pred, W, H)).isCloseTo(90.0 / 110, within(1e-12));
        // the shift (1 px) is within the radius (2 px): every boundary pixel is matched
        assertThat(DavisMetrics.boundaryF(gt, pred, W, H)).isEqualTo(1.0);
    }

    @Test
    void shiftBeyondRadiusMatchesHalfTheBoundary() {
        boolean[] gt = square(20, 20, 10), pred = square(25, 20, 10);
        assertThat(DavisMetrics.jaccard(gt, pred, W, H)).isCloseTo(50.0 / 150, within(1e-12));
        // Each boundary is the 40-pixel outline of an 11x11 box (see boundaryMapOfSquare). With a
        // 5 px shift and radius 2, matched pred pixels: 8 on the top row, 8 on the bottom row, 4 on
        // the left column (within 2 rows of the other box's top/bottom), 0 on the right: 20/40.
        // By symmetry recall is 20/40 too, so F = 0.5.
        assertThat(DavisMetrics.boundaryF(gt, pred, W, H)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void boundaryMapOfSquareIsOutlineShiftedTowardsOrigin() {
        boolean[] b = DavisMetrics.boundaryMap(square(20, 20, 10), W, H);
        int n = 0;
        for (boolean v : b) if (v) n++;
        assertThat(n).isEqualTo(40);
        assertThat(b[19 * W + 19]).isTrue();   // outside, top-left
        assertThat(b[29 * W + 29]).isTrue();   // inside, bottom-right
        assertThat(b[20 * W + 20]).isFalse();  // inside, top-left corner of the square
        assertThat(b[30 * W + 30]).isFalse();
    }

    @Test
    void maskCoveringWholeImageHasNoBoundary() {
        boolean[] full = new boolean[W * H];
        java.util.Arrays.fill(full, true);
        boolean[] b = DavisMetrics.boundaryMap(full, W, H);
        for (boolean v : b) assertThat(v).isFalse();
        // so against an empty mask both boundaries are empty: F = 1 while J = 0, as in the toolkit
        assertThat(DavisMetrics.boundaryF(full, new boolean[W * H], W, H)).isEqualTo(1.0);
    }

    @Test
    void dilationMatchesBruteForceDisk() {
        java.util.Random r = new java.util.Random(3);
        int w = 40, h = 30;
        boolean[] src = new boolean[w * h];
        for (int i = 0; i < 60; i++) src[r.nextInt(src.length)] = true;
        for (int x = 5; x < 25; x++) src[10 * w + x] = true;
        for (int radius : new int[] {0, 1, 2, 5}) {
            boolean[] fast = BoundaryDilation.of(radius).dilate(src, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean any = false;
                    for (int dy = -radius; dy <= radius && !any; dy++)
                        for (int dx = -radius; dx <= radius && !any; dx++) {
                            int xx = x + dx, yy = y + dy;
                            any = dx * dx + dy * dy <= radius * radius && xx >= 0 && yy >= 0 && xx < w && yy < h && src[yy * w + xx];
                        }
                    assertThat(fast[y * w + x]).as("radius %d at (%d,%d)", radius, x, y).isEqualTo(any);
                }
            }
        }
    }

    @Test
    void boundaryFIsFastAt854x480() {
        int w = 854, h = 480;
        boolean[] gt = new boolean[w * h], pred = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - 400, dy = y - 240;
                gt[y * w + x] = dx * dx / 200.0 / 200.0 + dy * dy / 150.0 / 150.0 <= 1;
                pred[y * w + x] = (dx - 6) * (dx - 6) / 190.0 / 190.0 + dy * dy / 160.0 / 160.0 <= 1 + 0.05 * Math.sin(x * 0.3);
            }
        }
        for (int i = 0; i < 20; i++) DavisMetrics.boundaryF(gt, pred, w, h);
        long t0 = System.nanoTime();
        int n = 50;
        double f = 0;
        for (int i = 0; i < n; i++) f = DavisMetrics.boundaryF(gt, pred, w, h);
        System.out.printf("DavisMetrics: boundaryF at 854x480 %.2f ms (F=%.4f)%n", (System.nanoTime() - t0) / 1e6 / n, f);
        assertThat(f).isBetween(0.0, 1.0);
    }
}

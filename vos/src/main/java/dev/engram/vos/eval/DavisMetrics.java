package dev.engram.vos.eval;

/**
 * Per-frame DAVIS measures, computed as the DAVIS evaluation toolkit does
 * ({@code davis2017-evaluation/davis2017/metrics.py}: {@code db_eval_iou}, {@code f_measure},
 * {@code _seg2bmap}); masks are row-major {@code boolean[width*height]}, {@code gt} the annotation and
 * {@code pred} the segmentation.
 *
 * <ul>
 *   <li>J ({@link #jaccard}) = |gt ∧ pred| / |gt ∨ pred|, and 1 when both are empty.
 *   <li>F ({@link #boundaryF}) = harmonic mean of boundary precision and recall. Boundaries come from
 *       {@link #boundaryMap} (the toolkit's {@code _seg2bmap}); a predicted boundary pixel is matched
 *       when a ground-truth boundary pixel lies within a disk of radius
 *       {@code ceil(0.008 * sqrt(width² + height²))} ({@link #boundaryRadius}; 8 at 854x480), and
 *       vice versa. Special cases as in the toolkit: no predicted and no true boundary → P = R = 1;
 *       no predicted boundary only → P = 1, R = 0; no true boundary only → P = 0, R = 1; P + R = 0 → F = 0.
 * </ul>
 * Void pixels are not supported (the semi-supervised toolkit passes none). Stateless and thread-safe.
 */
public final class DavisMetrics {
    /** The toolkit's default boundary tolerance, as a fraction of the image diagonal. */
    public static final double BOUND_TH = 0.008;

    private DavisMetrics() {}

    /** Region similarity J (intersection over union; 1 when both masks are empty). */
    public static double jaccard(boolean[] gt, boolean[] pred, int width, int height) {
        check(gt, pred, width, height);
        long inter = 0, union = 0;
        for (int i = 0; i < gt.length; i++) {
            if (gt[i] & pred[i]) inter++;
            if (gt[i] | pred[i]) union++;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    /** Boundary F-measure with the toolkit's default tolerance {@link #BOUND_TH}. */
    public static double boundaryF(boolean[] gt, boolean[] pred, int width, int height) {
        return boundaryF(gt, pred, width, height, BOUND_TH);
    }

    /**
     * Boundary F-measure; {@code boundTh} below 1 is a fraction of the diagonal, 1 or more a radius in
     * pixels (as the toolkit's {@code bound_th}).
     */
    public static double boundaryF(boolean[] gt, boolean[] pred, int width, int height, double boundTh) {
        check(gt, pred, width, height);
        int radius = boundaryRadius(width, height, boundTh);
        boolean[] fgB = boundaryMap(pred, width, height);
        boolean[] gtB = boundaryMap(gt, width, height);
        long nFg = count(fgB), nGt = count(gtB);
        double precision, recall;
        if (nFg == 0 && nGt > 0) {
            precision = 1;
            recall = 0;
        } else if (nFg > 0 && nGt == 0) {
            precision = 0;
            recall = 1;
        } else if (nFg == 0) {
            precision = 1;
            recall = 1;
        } else {
            BoundaryDilation disk = BoundaryDilation.of(radius);
            precision = (double) countIn(fgB, disk.dilate(gtB, width, height)) / nFg;
            recall = (double) countIn(gtB, disk.dilate(fgB, width, height)) / nGt;
        }
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** The toolkit's {@code bound_pix}: {@code ceil(boundTh * diagonal)}, or {@code boundTh} itself when ≥ 1. */
    public static int boundaryRadius(int width, int height, double boundTh) {
        if (boundTh >= 1) {
            return (int) boundTh;
        }
        return (int) Math.ceil(boundTh * Math.sqrt((double) width * width + (double) height * height));
    }

    /** {@link #boundaryRadius(int, int, double)} with {@link #BOUND_TH}. */
    public static int boundaryRadius(int width, int height) {
        return boundaryRadius(width, height, BOUND_TH);
    }

    /**
     * The toolkit's {@code _seg2bmap}: a pixel is on the boundary when it differs from its east, south
     * or south-east neighbour (missing neighbours count as background); in the last row only the east
     * neighbour counts, in the last column only the south one, and the bottom-right pixel never is.
     * Boundaries are thus offset half a pixel towards the origin; a mask covering the whole image has none.
     */
    public static boolean[] boundaryMap(boolean[] seg, int width, int height) {
        int w = width, h = height;
        boolean[] b = new boolean[w * h];
        for (int y = 0; y < h - 1; y++) {
            int row = y * w;
            for (int x = 0; x < w - 1; x++) {
                int i = row + x;
                boolean s = seg[i];
                b[i] = s != seg[i + 1] || s != seg[i + w] || s != seg[i + w + 1];
            }
            // last column: only the south neighbour
            int i = row + w - 1;
            b[i] = seg[i] != seg[i + w];
        }
        int last = (h - 1) * w;
        for (int x = 0; x < w - 1; x++) {
            b[last + x] = seg[last + x] != seg[last + x + 1];
        }
        b[last + w - 1] = false;
        return b;
    }

    private static long count(boolean[] a) {
        long n = 0;
        for (boolean v : a) if (v) n++;
        return n;
    }

    private static long countIn(boolean[] a, boolean[] within) {
        long n = 0;
        for (int i = 0; i < a.length; i++) if (a[i] && within[i]) n++;
        return n;
    }

    private static void check(boolean[] gt, boolean[] pred, int width, int height) {
        if (width <= 0 || height <= 0 || gt.length != width * height || pred.length != width * height) {
            throw new IllegalArgumentException("masks must both hold " + width + "x" + height + " pixels, got "
                    + gt.length + " (gt) and " + pred.length + " (pred)");
        }
    }
}

package dev.engram.vos.eval;

import dev.engram.vos.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Streaming DAVIS semi-supervised evaluation of one sequence: feed (ground truth, prediction) pairs
 * frame by frame with {@link #add}, then read {@link #score()}. Masks are not kept; per object only
 * two doubles per frame (its J and F) are, because decay needs the whole series.
 *
 * <p>Follows {@code davis2017-evaluation} ({@code evaluation.py}, semi-supervised task):
 * <ul>
 *   <li>The first and the last frame are excluded ({@code all_gt_masks[:, 1:-1]}): the first is the
 *       given annotation, and the toolkit drops the last as well. Both the DAVIS 2017 toolkit and its
 *       2016 variant do this for the semi-supervised task. {@link #score()} may be called at any time
 *       and then treats the latest frame as the last.
 *   <li>Objects ({@link ObjectSet#FIRST_FRAME}, the toolkit's rule): ids 1..max id of the first
 *       ground-truth mask, each scored on every frame, J = F = 1 where it is absent from both masks.
 *       Predicted ids outside the set are ignored. {@link ObjectSet#ALL_ANNOTATED} instead scores
 *       every id that appears in any ground-truth mask (for streams whose objects enter later).
 *   <li>Ground-truth id 255 is the DAVIS void label and counts as background, as the toolkit does.
 *   <li>Per object: {@link SeriesStatistics} of J and of F; the sequence figures average the objects.
 * </ul>
 * Not thread-safe. {@link #add} throws {@link IllegalArgumentException} when the two masks differ
 * in size or differ from the sequence's first frame.
 */
public final class SequenceEvaluator {
    /** Which ids count as objects of the sequence. */
    public enum ObjectSet {
        /** Ids 1..max id in the first ground-truth mask (the DAVIS toolkit's rule). */
        FIRST_FRAME,
        /** Every id seen in any ground-truth mask. */
        ALL_ANNOTATED
    }

    private static final int VOID = 255;

    private final ObjectSet objectSet;
    private final boolean excludeFirstAndLast;
    private final TreeMap<Integer, Series> series = new TreeMap<>();
    private final boolean[] annotated = new boolean[256];
    private int width, height;
    private int frames;
    private int firstFrameMaxId;

    public SequenceEvaluator(ObjectSet objectSet, boolean excludeFirstAndLast) {
        this.objectSet = objectSet;
        this.excludeFirstAndLast = excludeFirstAndLast;
    }

    /** The DAVIS toolkit's settings: objects of the first frame, first and last frame excluded. */
    public static SequenceEvaluator davis() {
        return new SequenceEvaluator(ObjectSet.FIRST_FRAME, true);
    }

    /** Scores the next frame of the sequence. */
    public void add(Mask gt, Mask pred) {
        if (gt.width != pred.width || gt.height != pred.height) {
            throw new IllegalArgumentException("frame " + frames + ": ground truth is " + gt.width + "x" + gt.height
                    + " but the prediction is " + pred.width + "x" + pred.height);
        }
        if (frames == 0) {
            width = gt.width;
            height = gt.height;
        } else if (gt.width != width || gt.height != height) {
            throw new IllegalArgumentException("frame " + frames + ": masks are " + gt.width + "x" + gt.height
                    + " but the sequence started at " + width + "x" + height);
        }
        boolean[] inGt = presentIds(gt.ids, true);
        boolean[] inPred = presentIds(pred.ids, false);
        for (int id = 1; id < VOID; id++) annotated[id] |= inGt[id];
        if (frames == 0) {
            for (int id = 1; id < VOID; id++) if (inGt[id]) firstFrameMaxId = id;
        }
        int t = frames++;
        if (t == 0 && excludeFirstAndLast) {
            return;
        }
        for (int id = 1; id < VOID; id++) {
            if (!(inGt[id] || inPred[id]) || !tracked(id)) continue;
            boolean[] g = binary(gt.ids, id), p = binary(pred.ids, id);
            series.computeIfAbsent(id, k -> new Series()).set(t,
                    DavisMetrics.jaccard(g, p, width, height), DavisMetrics.boundaryF(g, p, width, height));
        }
    }

    /** Number of frames added so far. */
    public int framesSeen() {
        return frames;
    }

    /** Scores of the frames added so far; the last added frame is excluded when first/last are. */
    public SequenceScore score() {
        int from = excludeFirstAndLast ? 1 : 0;
        int to = excludeFirstAndLast ? frames - 1 : frames;
        int n = Math.max(0, to - from);
        List<ObjectScore> objects = new ArrayList<>();
        for (int id = 1; id < VOID; id++) {
            if (!isObject(id)) continue;
            Series s = series.get(id);
            double[] j = s == null ? ones(n) : s.j(from, to);
            double[] f = s == null ? ones(n) : s.f(from, to);
            objects.add(new ObjectScore(id, SeriesStatistics.of(j), SeriesStatistics.of(f)));
        }
        return SequenceScore.average(objects, n);
    }

    private boolean tracked(int id) {
        return objectSet == ObjectSet.ALL_ANNOTATED || id <= firstFrameMaxId;
    }

    private boolean isObject(int id) {
        return objectSet == ObjectSet.ALL_ANNOTATED ? annotated[id] : id <= firstFrameMaxId;
    }

    private static boolean[] presentIds(byte[] ids, boolean isGt) {
        boolean[] seen = new boolean[256];
        for (byte b : ids) seen[b & 0xFF] = true;
        seen[0] = false;
        if (isGt) seen[VOID] = false;
        return seen;
    }

    private static boolean[] binary(byte[] ids, int id) {
        boolean[] out = new boolean[ids.length];
        byte b = (byte) id;
        for (int i = 0; i < ids.length; i++) out[i] = ids[i] == b;
        return out;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    /** One object's J and F per frame; frames never set are 1 (object absent from both masks). */
    private static final class Series {
        private double[] j = new double[64];
        private double[] f = new double[64];

        Series() {
            Arrays.fill(j, 1.0);
            Arrays.fill(f, 1.0);
        }

        void set(int t, double jv, double fv) {
            if (t >= j.length) {
                int old = j.length, size = Math.max(t + 1, old * 2);
                j = Arrays.copyOf(j, size);
                f = Arrays.copyOf(f, size);
                Arrays.fill(j, old, size, 1.0);
                Arrays.fill(f, old, size, 1.0);
            }
            j[t] = jv;
            f[t] = fv;
        }

        double[] j(int from, int to) {
            return slice(j, from, to);
        }

        double[] f(int from, int to) {
            return slice(f, from, to);
        }

        private static double[] slice(double[] a, int from, int to) {
            double[] out = ones(Math.max(0, to - from));
            for (int i = from; i < to && i < a.length; i++) out[i - from] = a[i];
            return out;
        }
    }
}

package dev.engram.operators;

import dev.engram.vos.eval.DavisMetrics;

/**
 * Running totals behind a {@link StreamSummary}, kept in keyed state so summaries survive restore.
 * Scores follow the DAVIS toolkit's means: objects are ids 1..max id of the first ground-truth mask
 * (255 is void); the first scored frame is skipped and the latest one is held back until another
 * arrives, so the totals always exclude the first and the last frame.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class StreamTally {
    public long frames;
    public long scoredFrames;
    public long firstWallMs;
    public long lastWallMs;
    public long segmenterNanos;
    public long peakBankBytes;
    public long budgetBytes;
    public long lastIndex;
    /** Objects scored: ids 1..objects; -1 until the first ground truth arrived. */
    public int objects = -1;
    public double[] jSum = new double[0];
    public double[] fSum = new double[0];
    /** Frames included in the sums. */
    public long summed;
    public double[] pendingJ;
    public double[] pendingF;

    public StreamTally() {}

    /** Adds one segmented frame; {@code wallMs} is the time it was seen. */
    public void add(SegmentedFrame r, long wallMs) {
        if (frames == 0) firstWallMs = wallMs;
        lastWallMs = wallMs;
        frames++;
        lastIndex = r.index;
        segmenterNanos += r.processingNanos;
        peakBankBytes = Math.max(peakBankBytes, r.memoryBytes);
        budgetBytes = r.budgetBytes;
        if (r.groundTruth != null) score(r);
    }

    private void score(SegmentedFrame r) {
        scoredFrames++;
        if (objects < 0) {
            int max = 0;
            for (byte b : r.groundTruth) {
                int id = b & 0xFF;
                if (id != 255 && id > max) max = id;
            }
            objects = max;
            jSum = new double[max];
            fSum = new double[max];
            return;
        }
        if (pendingJ != null) {
            for (int o = 0; o < objects; o++) {
                jSum[o] += pendingJ[o];
                fSum[o] += pendingF[o];
            }
            summed++;
        }
        if (r.objectJ == null) FrameScoring.score(r);
        pendingJ = new double[objects];
        pendingF = new double[objects];
        for (int o = 0; o < objects; o++) {
            // an object missing from this frame's ground truth scores as the toolkit does: empty vs prediction
            if (o < r.objectJ.length) {
                pendingJ[o] = r.objectJ[o];
                pendingF[o] = r.objectF[o];
            } else {
                boolean[] gt = new boolean[r.groundTruth.length], pred = binary(r.mask, o + 1);
                pendingJ[o] = DavisMetrics.jaccard(gt, pred, r.width, r.height);
                pendingF[o] = DavisMetrics.boundaryF(gt, pred, r.width, r.height);
            }
        }
    }

    /** The summary of the totals so far. */
    public StreamSummary summary(String streamId, boolean complete) {
        StreamSummary s = new StreamSummary();
        s.streamId = streamId;
        s.frames = frames;
        s.scoredFrames = scoredFrames;
        double wallSeconds = (lastWallMs - firstWallMs) / 1000.0;
        s.fps = frames > 1 && wallSeconds > 0 ? (frames - 1) / wallSeconds : Double.NaN;
        s.segmenterFps = segmenterNanos > 0 ? frames * 1e9 / segmenterNanos : Double.NaN;
        if (summed > 0 && objects > 0) {
            double j = 0, f = 0;
            for (int o = 0; o < objects; o++) {
                j += jSum[o] / summed;
                f += fSum[o] / summed;
            }
            s.j = j / objects;
            s.f = f / objects;
            s.jf = (s.j + s.f) / 2;
        }
        s.peakBankBytes = peakBankBytes;
        s.budgetBytes = budgetBytes;
        s.lastIndex = lastIndex;
        s.complete = complete;
        return s;
    }

    private static boolean[] binary(byte[] ids, int id) {
        boolean[] out = new boolean[ids.length];
        byte b = (byte) id;
        for (int i = 0; i < ids.length; i++) out[i] = ids[i] == b;
        return out;
    }
}

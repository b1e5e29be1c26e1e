package dev.engram.vos;

import dev.engram.memory.FloatBlocks;
import dev.engram.memory.FrameMemory;
import dev.engram.memory.GatedRegularizer;
import dev.engram.memory.MemoryBudget;
import dev.engram.memory.MemoryEntry;
import dev.engram.memory.Selection;
import dev.engram.memory.SelectionPolicy;
import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.model.FeatureSpace;
import dev.engram.vos.model.SignedDistance;
import dev.engram.vos.model.TargetModel;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One object of a stream: its propagated probability map, its target model, the frame memory the
 * model learns from, and the GRCL memory of earlier model states.
 */
final class ObjectTrack {
    /** Rows sampled from a frame into a memory entry. */
    static final int ROWS = 1024;
    /** Half-width, in working pixels, of the band around the propagated boundary the model decides. */
    static final float BAND = 24f;
    static final double RIDGE = 1e-3;
    static final int FIRST_STEPS = 200;
    static final int UPDATE_STEPS = 6;
    static final int UPDATE_ENTRIES = 5;
    static final float CONFIDENT = 0.8f;
    /** Pixels of signed distance per logit unit of the propagated prior. */
    static final float TAU = 2f;
    /** An object below this share of its usual area counts as lost and is searched for by appearance. */
    static final float LOST = 0.5f;
    /** Model score a pixel needs to be taken back during recovery. */
    static final float RECOVER_SCORE = 0.3f;
    /** Logit units per unit of target-model score. */
    static final float GAMMA = 3f;

    final int objectId;
    float[] prob;
    TargetModel model;
    FrameMemory bank;
    GatedRegularizer grcl;
    long updates;
    double lastLoss = Double.NaN;
    /** Typical object area in working pixels (moving average while the object is not lost). */
    float refArea;
    /** Last bounding box {minX, minY, maxX, maxY} of the object while it was not lost. */
    int[] box = {0, 0, 0, 0};
    /** The frame this object was last annotated in, or null when re-anchoring is off. */
    Anchor anchor;
    /** Frame-memory entries evicted and selected for the update during the latest frame (not state: figures of one call). */
    int frameEvictions;
    int frameSelections;
    /** Frames the last update drew from the memory (not state: for tests and diagnostics). */
    long[] lastSelection = new long[0];

    ObjectTrack(int objectId) {
        this.objectId = objectId;
    }

    /** Starts (or restarts) the object from a ground-truth mask at working resolution. */
    void initialise(Context ctx, WorkingImage img, float[] truth, long frameIndex) {
        prob = truth.clone();
        anchor = ctx.anchor() ? new Anchor(frameIndex, img.gray, truth) : null;
        int w = img.width, h = img.height;
        refArea = 0;
        for (float v : truth) if (v >= 0.5f) refArea++;
        remember(truth, w, h);
        boolean[] inside = new boolean[truth.length];
        for (int i = 0; i < inside.length; i++) inside[i] = truth[i] >= 0.5f;
        float[] sdTruth = SignedDistance.of(inside, w, h, BAND);
        SplittableRandom rnd = ctx.random(objectId, frameIndex);
        FeatureSpace space = ctx.space();
        int dims = space.rawDims();
        // The first frame has no propagated prior: train on degraded copies of the truth (shifted,
        // grown or shrunk), so the model learns how far to trust a prior that is only roughly right.
        float[] raw = new float[ROWS * dims];
        float[] targets = new float[ROWS];
        int variants = 4, per = ROWS / variants, row = 0;
        for (int v = 0; v < variants; v++) {
            int dx = rnd.nextInt(-6, 7), dy = rnd.nextInt(-6, 7);
            float grow = (float) rnd.nextDouble(-3, 3);
            boolean[] degraded = new boolean[inside.length];
            for (int y = 0; y < h; y++) {
                int sy = Math.min(h - 1, Math.max(0, y - dy));
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(w - 1, Math.max(0, x - dx));
                    degraded[y * w + x] = sdTruth[sy * w + sx] > -grow;
                }
            }
            float[] sd = SignedDistance.of(degraded, w, h, BAND);
            float[] prior = new float[inside.length];
            for (int i = 0; i < prior.length; i++) prior[i] = degraded[i] ? 1f : 0f;
            int n = v == variants - 1 ? ROWS - row : per;
            row = sample(space, img, prior, sd, inside, null, rnd, n, raw, targets, row);
        }
        MemoryEntry entry = new MemoryEntry(frameIndex, true, 1f, row, dims,
                java.util.Arrays.copyOf(raw, row * dims), java.util.Arrays.copyOf(targets, row),
                FrameDescriptor.of(img, truth));
        bank = new FrameMemory(ctx.bankBudget(), ctx.newPolicy(objectId));
        frameEvictions += bank.offer(entry).evictedFrameIndices().size();
        model = new TargetModel(space.params());
        grcl = ctx.grcl() ? GatedRegularizer.builder(model.params()).budget(ctx.grclBudget())
                .strength(ctx.grclStrength()).gateFraction(ctx.grclGateFraction()).build() : null;
        TargetModel.Fit fit = model.fit(List.of(entry), new double[] {1}, space, null, RIDGE, FIRST_STEPS);
        lastLoss = fit.loss();
        if (grcl != null) grcl.store(frameIndex, model.weights(), fit.importance(), true);
        updates = 1;
    }

    /**
     * Predicts this frame's probability map from the warped previous map {@code prior}, and learns
     * from the prediction when the schedule says so.
     */
    void step(Context ctx, WorkingImage img, float[] prior, long frameIndex, StageTimes times) {
        long t0 = StageTimes.clock();
        int w = img.width, h = img.height, n = w * h;
        boolean[] inside = new boolean[n];
        for (int i = 0; i < n; i++) inside[i] = prior[i] >= 0.5f;
        float[] sd = SignedDistance.of(inside, w, h, BAND);
        float[] out = new float[n];
        int[] band = new int[n];
        int count = 0;
        for (int p = 0; p < n; p++) {
            if (sd[p] <= -BAND || sd[p] >= BAND) {
                out[p] = sd[p] > 0 ? 1f : 0f;
            } else {
                band[count++] = p;
            }
        }
        float[] scores = new float[count];
        model.scores(ctx.space(), img, band, count, scores);
        for (int i = 0; i < count; i++) {
            int p = band[i];
            // The prior decides where appearance is ambiguous; a confident model moves the boundary.
            double logit = sd[p] / TAU + GAMMA * scores[i];
            out[p] = (float) (1 / (1 + Math.exp(-logit)));
        }
        int area = 0;
        for (float v : out) if (v >= 0.5f) area++;
        if (refArea > 0 && area < LOST * refArea) {
            area = recover(ctx, img, out, area);
        } else if (area > 0) {
            refArea = refArea <= 0 ? area : 0.9f * refArea + 0.1f * area;
            remember(out, w, h);
        }
        prob = out;
        long t1 = StageTimes.clock();
        times.add(StageTimes.Stage.TARGET_MODEL, t1 - t0);
        if (ctx.onlineUpdates() && frameIndex % ctx.updateEvery() == 0) {
            learn(ctx, img, prior, sd, frameIndex);
            times.add(StageTimes.Stage.UPDATE, StageTimes.clock() - t1);
        }
    }

    /**
     * The object has shrunk far below its usual size (occlusion, fast motion, flow failure): look
     * for it by appearance alone in a window around where it was last seen, and keep pixels the
     * model is sure about.
     */
    private int recover(Context ctx, WorkingImage img, float[] out, int area) {
        int w = img.width, h = img.height;
        int bw = box[2] - box[0] + 1, bh = box[3] - box[1] + 1;
        int x0 = Math.max(0, box[0] - bw / 2), x1 = Math.min(w - 1, box[2] + bw / 2);
        int y0 = Math.max(0, box[1] - bh / 2), y1 = Math.min(h - 1, box[3] + bh / 2);
        int[] window = new int[(y1 - y0 + 1) * (x1 - x0 + 1)];
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int p = y * w + x;
                if (out[p] < 0.5f) window[count++] = p;
            }
        }
        float[] scores = new float[count];
        model.scores(ctx.space(), img, window, count, scores);
        for (int i = 0; i < count; i++) {
            int p = window[i];
            float s = scores[i];
            if (s > RECOVER_SCORE) {
                float v = (float) (1 / (1 + Math.exp(-(GAMMA * s - 1))));
                if (v > out[p]) {
                    if (out[p] < 0.5f && v >= 0.5f) area++;
                    out[p] = v;
                }
            }
        }
        return area;
    }

    /** Bounding box of the object in working pixels, kept for recovery. */
    private void remember(float[] out, int w, int h) {
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p++) {
                if (out[p] >= 0.5f) {
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    if (y > maxY) maxY = y;
                }
            }
        }
        if (maxX >= 0) box = new int[] {minX, minY, maxX, maxY};
    }

    private void learn(Context ctx, WorkingImage img, float[] prior, float[] sd, long frameIndex) {
        int n = prob.length;
        boolean[] label = new boolean[n];
        boolean[] confident = new boolean[n];
        int conf = 0;
        for (int i = 0; i < n; i++) {
            label[i] = prob[i] >= 0.5f;
            confident[i] = prob[i] >= CONFIDENT || prob[i] <= 1 - CONFIDENT;
            if (confident[i]) conf++;
        }
        SplittableRandom rnd = ctx.random(objectId, frameIndex);
        FeatureSpace space = ctx.space();
        int dims = space.rawDims();
        float[] raw = new float[ROWS * dims];
        float[] targets = new float[ROWS];
        int rows = sample(space, img, prior, sd, label, confident, rnd, ROWS, raw, targets, 0);
        if (rows < ROWS / 4) return;
        float[] descriptor = FrameDescriptor.of(img, prob);
        MemoryEntry entry = new MemoryEntry(frameIndex, false, conf / (float) n, rows, dims,
                java.util.Arrays.copyOf(raw, rows * dims), java.util.Arrays.copyOf(targets, rows), descriptor);
        // The memory chooses what to train on before the frame joins it: a frame reconstructed from a
        // dictionary holding itself would pick itself and nothing else (RMSCL selected nothing real).
        Selection sel = bank.selectForUpdate(descriptor, UPDATE_ENTRIES - 1);
        frameSelections += sel.size();
        List<MemoryEntry> chosen = new ArrayList<>();
        double[] weights = new double[sel.size() + 1];
        long[] frames = new long[sel.size() + 1];
        for (int i = 0; i < sel.size(); i++) {
            chosen.add(bank.entries().get(sel.index(i)));
            weights[i] = sel.weight(i);
            frames[i] = chosen.get(i).frameIndex();
        }
        chosen.add(entry);
        weights[sel.size()] = 1.0 / Math.max(1, sel.size());
        frames[sel.size()] = frameIndex;
        lastSelection = java.util.Arrays.copyOf(frames, sel.size());
        frameEvictions += bank.offer(entry).evictedFrameIndices().size();
        TargetModel.Fit fit = model.fit(chosen, weights, space, grcl, RIDGE, UPDATE_STEPS);
        lastLoss = fit.loss();
        updates++;
        if (grcl != null && updates % 4 == 0) grcl.store(frameIndex, model.weights(), fit.importance(), false);
    }

    /**
     * Samples up to {@code count} labelled rows: 40 % object, 40 % background near the propagated
     * boundary, 20 % background elsewhere; only {@code usable} pixels when given.
     */
    private static int sample(FeatureSpace space, WorkingImage img, float[] prior, float[] sd, boolean[] label, boolean[] usable,
            SplittableRandom rnd, int count, float[] raw, float[] targets, int row) {
        int n = label.length;
        int[] fg = new int[n], near = new int[n], far = new int[n];
        int nf = 0, nn = 0, nr = 0;
        for (int i = 0; i < n; i++) {
            if (usable != null && !usable[i]) continue;
            if (label[i]) fg[nf++] = i;
            else if (sd[i] > -BAND) near[nn++] = i;
            else far[nr++] = i;
        }
        int want = count;
        int takeF = Math.min(nf, (int) (want * 0.4));
        int takeN = Math.min(nn, (int) (want * 0.4));
        int takeR = Math.min(nr, want - takeF - takeN);
        if (nf == 0 || nn + nr == 0) return row;
        row = draw(space, img, fg, nf, takeF, 1f, rnd, raw, targets, row);
        row = draw(space, img, near, nn, takeN, -1f, rnd, raw, targets, row);
        row = draw(space, img, far, nr, takeR, -1f, rnd, raw, targets, row);
        return row;
    }

    private static int draw(FeatureSpace space, WorkingImage img, int[] pool, int size, int take, float target,
            SplittableRandom rnd, float[] raw, float[] targets, int row) {
        for (int k = 0; k < take; k++) {
            int p = pool[rnd.nextInt(size)];
            space.raw(img, p, raw, row * space.rawDims());
            targets[row++] = target;
        }
        return row;
    }

    /** Share of the target model's parameters an open GRCL gate holds; 0 without GRCL. */
    double gateShare() {
        return grcl == null ? 0 : grcl.openShare();
    }

    long bytes() {
        return 4L * prob.length + model.bytes() + bank.bytes() + (grcl == null ? 0 : grcl.bytes())
                + (anchor == null ? 0 : anchor.bytes());
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(objectId);
        out.writeInt(prob.length);
        FloatBlocks.write(out, prob);
        model.write(out);
        bank.write(out);
        out.writeBoolean(grcl != null);
        if (grcl != null) grcl.write(out);
        out.writeLong(updates);
        out.writeDouble(lastLoss);
        out.writeFloat(refArea);
        for (int v : box) out.writeInt(v);
        out.writeBoolean(anchor != null);
        if (anchor != null) anchor.write(out);
    }

    /**
     * @param withAnchor whether the layout has the anchor field (segmenter state version 3 on)
     * @param descriptorLength the length to give the memory's frame descriptors, or -1 to keep them:
     *     state written before the present descriptors (version 3 and older) holds short ones that cannot
     *     be recomputed without the frames, so they become all-zero, which RMSCL treats as redundant
     *     (evicted first, never selected but as anchors); the entries' training rows are kept
     */
    static ObjectTrack read(DataInput in, boolean withAnchor, int descriptorLength) throws IOException {
        ObjectTrack t = new ObjectTrack(in.readInt());
        int n = in.readInt();
        if (n <= 0 || n > 1 << 24) throw new IOException("corrupt object state: map of " + n + " pixels");
        t.prob = new float[n];
        FloatBlocks.read(in, t.prob);
        t.model = TargetModel.read(in);
        t.bank = FrameMemory.read(in);
        if (descriptorLength >= 0) t.bank = t.bank.withDescriptors(descriptorLength);
        if (in.readBoolean()) t.grcl = GatedRegularizer.read(in);
        t.updates = in.readLong();
        t.lastLoss = in.readDouble();
        t.refArea = in.readFloat();
        for (int i = 0; i < 4; i++) t.box[i] = in.readInt();
        if (withAnchor && in.readBoolean()) t.anchor = Anchor.read(in, n);
        return t;
    }

    /** What a track needs from its stream: configuration, budgets and seeded randomness. */
    interface Context {
        FeatureSpace space();
        String policy();
        /** A fresh frame-memory policy for one object, configured from the options. */
        SelectionPolicy newPolicy(int objectId);
        double grclGateFraction();
        long seed();
        boolean grcl();
        double grclStrength();
        boolean onlineUpdates();
        boolean anchor();
        int updateEvery();
        MemoryBudget bankBudget();
        MemoryBudget grclBudget();
        SplittableRandom random(int objectId, long frameIndex);
    }
}

package dev.engram.vos;

import dev.engram.memory.MemoryBudget;
import dev.engram.vos.features.DjlBackbone;
import dev.engram.vos.features.EdgeRefinement;
import dev.engram.vos.features.FeatureBackbone;
import dev.engram.vos.features.Resample;
import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.flow.DenseFlow;
import dev.engram.vos.flow.Warp;
import dev.engram.vos.model.FeatureSpace;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The default {@link Segmenter}. Each frame is reduced to a working resolution; each object's
 * previous probability map is carried into the frame along dense optical flow (DIS) and then
 * decided near its boundary by the object's target model, which weighs appearance against the
 * propagated prior. Every few frames the model learns from its own confident prediction, drawing
 * on memory frames chosen by the selection policy (RMSCL by default) and held back from drift by
 * GRCL. The whole state (maps, models, memories) stays within {@link VosOptions#MEMORY_BUDGET}.
 *
 * <p>With {@link VosOptions#BACKBONE} (by default the packaged ImageNet MobileNetV2, when fetched; see
 * {@link dev.engram.vos.features.PackagedBackbone}) a backbone adds {@link VosOptions#BACKBONE_DIMS}
 * deep features per pixel, used linearly by the target model and pooled into the RMSCL descriptor.
 * The learner holds arrays only: optical flow and the backbone are native parts that the caller's
 * {@link SegmenterResources} owns and lends to each {@link #segment} call (the backbone is named in
 * the options).
 */
public final class OnlineSegmenter implements Segmenter, ObjectTrack.Context {
    /**
     * The state layout this build writes. Released builds wrote 2 (no re-anchoring) and 3 (frame
     * descriptors of 20 numbers, a quarter of the budget per object); version 1 never left the
     * development tree. {@link #readState} reads every released version.
     */
    public static final int STATE_VERSION = 4;
    /** The oldest state layout {@link #readState} reads. */
    public static final int OLDEST_READABLE_STATE_VERSION = 2;
    static final int RANDOM_FEATURES = 64;
    static final double BANDWIDTH = 0.2;
    /** Guided-filter radius (full-resolution pixels) and regularisation (guide in 0..1) of the edge refinement. */
    static final int GUIDED_RADIUS = 16;
    static final double GUIDED_EPS = 5e-3;

    private final VosOptions options;
    private final FeatureSpace space;
    private final List<ObjectTrack> tracks = new ArrayList<>();
    /** Where the time went, per stage (not state). */
    private final StageTimes times = new StageTimes();
    private int width, height, workW, workH;
    private byte[] prevGray;
    /** Objects the frame-memory budget is split between: those tracked (and any joining right now). */
    private int shareObjects = 1;
    private long framesSeen;
    private long peakBytes;

    /** Opens nothing: a backbone named in the options is loaded by the resources of the first {@link #segment} call. */
    public OnlineSegmenter(VosOptions options) {
        this(options, true);
    }

    /** @param resolve whether an absent packaged backbone falls back to none (a restored learner must not change its features) */
    private OnlineSegmenter(VosOptions options, boolean resolve) {
        this.options = resolve ? options.resolvedBackbone() : options;
        VosOptions.flowPreset(this.options.get(VosOptions.FLOW_PRESET)); // a value given through with() is checked here, not at frame 2
        boolean backbone = !this.options.get(VosOptions.BACKBONE).isBlank();
        int dims = WorkingImage.DIMS + (backbone ? this.options.get(VosOptions.BACKBONE_DIMS) : 0);
        this.space = new FeatureSpace(dims, RANDOM_FEATURES, BANDWIDTH, options.get(VosOptions.SEED));
    }

    public VosOptions options() {
        return options;
    }

    @Override
    public Mask segment(Frame frame, SegmenterResources resources) {
        frame.validate();
        if (tracks.isEmpty() && frame.annotation == null) {
            throw new IllegalArgumentException(frame.describe() + ": no object annotated yet; the first frame of a stream needs a mask");
        }
        if (framesSeen > 0 && (frame.width != width || frame.height != height)) {
            throw new IllegalArgumentException(frame.describe() + ": frame is " + frame.width + "x" + frame.height
                    + " but the stream started at " + width + "x" + height);
        }
        if (frame.annotation != null) {
            int known = 0;
            for (int id : frame.annotation.objectIds()) if (find(id) == null) known++;
            if (tracks.size() + known > options.get(VosOptions.MAX_OBJECTS)) {
                throw new IllegalArgumentException(frame.describe() + ": annotation brings the stream to "
                        + (tracks.size() + known) + " objects, more than vos.max-objects="
                        + options.get(VosOptions.MAX_OBJECTS));
            }
        }
        if (tracks.isEmpty() && frame.annotation.objectIds().length == 0) {
            throw new IllegalArgumentException(frame.describe() + ": the first annotation marks no object (all background)");
        }
        if (framesSeen == 0) {
            int[] ws = WorkingImage.workingSize(frame.width, frame.height, options.get(VosOptions.WORK_SIDE));
            requireBudget(frame, ws[0], ws[1]);
            width = frame.width;
            height = frame.height;
            workW = ws[0];
            workH = ws[1];
        }
        for (ObjectTrack t : tracks) {
            t.frameEvictions = 0;
            t.frameSelections = 0;
        }
        FeatureBackbone backbone = resources.backbone(options);
        if (backbone != null && backbone.dims() != space.appearanceDims() - WorkingImage.DIMS) {
            throw new IllegalStateException("backbone " + options.get(VosOptions.BACKBONE) + " gives " + backbone.dims()
                    + " features, the learner was built for " + (space.appearanceDims() - WorkingImage.DIMS));
        }
        long t0 = StageTimes.clock();
        WorkingImage img = WorkingImage.of(frame, options.get(VosOptions.WORK_SIDE), backbone, resources::featureRows,
                resources::featureMats);
        long t1 = StageTimes.clock();
        times.add(StageTimes.Stage.BACKBONE, img.backboneNanos);
        times.add(StageTimes.Stage.FEATURES, t1 - t0 - img.backboneNanos);
        if (prevGray != null && !tracks.isEmpty()) {
            DenseFlow flow = resources.flow(VosOptions.flowPreset(options.get(VosOptions.FLOW_PRESET)),
                    options.get(VosOptions.FLOW_REFINEMENT), options.get(VosOptions.FLOW_PATCH_STRIDE));
            float[] field = flow.compute(img.gray, prevGray, workW, workH);
            times.add(StageTimes.Stage.FLOW, StageTimes.clock() - t1);
            Map<Long, float[]> anchorFields = new HashMap<>();
            for (ObjectTrack t : tracks) {
                long a0 = StageTimes.clock();
                float[] prior = Warp.backward(t.prob, field, workW, workH, 0f);
                if (t.anchor != null && t.anchor.due(frame.index)) {
                    // Objects annotated in the same frame share one flow to it.
                    float[] toAnchor = anchorFields.computeIfAbsent(t.anchor.frameIndex,
                            k -> flow.compute(img.gray, t.anchor.gray, workW, workH));
                    t.anchor.tried(frame.index, t.anchor.blend(prior, toAnchor, img.gray, workW, workH));
                }
                times.add(StageTimes.Stage.ANCHOR_FLOW, StageTimes.clock() - a0);
                t.step(this, img, prior, frame.index, times);
            }
        }
        if (frame.annotation != null) {
            int joining = 0;
            for (int id : frame.annotation.objectIds()) if (find(id) == null) joining++;
            if (joining > 0) {
                // The objects that exist share the whole budget: those already here give up their share's
                // excess by eviction through their policy before the newcomers' banks are made.
                shareObjects = tracks.size() + joining;
                for (ObjectTrack t : tracks) t.frameEvictions += t.bank.rebudget(bankBudget()).size();
            }
            for (int id : frame.annotation.objectIds()) {
                ObjectTrack t = find(id);
                float[] truth = Resample.areaDown(frame.annotation.binary(id), width, height, workW, workH);
                if (t == null) {
                    // Joined only once initialised, so a failure cannot leave a half-built object behind.
                    t = new ObjectTrack(id);
                    t.initialise(this, img, truth, frame.index);
                    tracks.add(t);
                } else {
                    t.initialise(this, img, truth, frame.index);
                }
            }
        }
        prevGray = img.gray;
        framesSeen++;
        peakBytes = Math.max(peakBytes, memoryBytes());
        long r0 = StageTimes.clock();
        Mask mask = compose(frame, resources);
        times.add(StageTimes.Stage.REFINEMENT, StageTimes.clock() - r0);
        times.frame();
        return mask;
    }

    /** Time per stage since this learner was made or restored. */
    public StageTimes stageTimes() {
        return times;
    }

    /** The objects' tracks, for tests in this package. */
    List<ObjectTrack> tracksForTest() {
        return tracks;
    }

    private ObjectTrack find(int id) {
        for (ObjectTrack t : tracks) if (t.objectId == id) return t;
        return null;
    }

    /** Full-resolution object ids: the most probable object where its probability exceeds one half. */
    private Mask compose(Frame frame, SegmenterResources resources) {
        byte[] ids = new byte[width * height];
        float[] best = resources.frameMap(width * height);
        Arrays.fill(best, 0.5f);
        EdgeRefinement edges = options.get(VosOptions.EDGE_REFINEMENT) && (workW != width || workH != height)
                ? new EdgeRefinement(frame.rgb, width, height, workW, workH, GUIDED_RADIUS, GUIDED_EPS,
                        resources.refinement(width, height, workW, workH))
                : null;
        for (ObjectTrack t : tracks) {
            float[] up = edges != null ? edges.refine(t.prob) : Resample.bilinearUp(t.prob, workW, workH, width, height);
            for (int i = 0; i < up.length; i++) {
                if (up[i] > best[i]) {
                    best[i] = up[i];
                    ids[i] = (byte) t.objectId;
                }
            }
        }
        return new Mask(width, height, ids);
    }

    /**
     * Bytes every stream holds whatever it learns, reserved for {@code vos.max-objects} objects so a
     * joining object always fits: previous gray image, per object a map, a model and (re-anchoring
     * on) the annotated frame's gray image and mask.
     */
    private long fixedBytes(int w, int h) {
        long n = (long) w * h;
        int objects = options.get(VosOptions.MAX_OBJECTS);
        return n + objects * (4 * n + 4L * space.params() + (anchor() ? 2 * n : 0));
    }

    @Override
    public MemoryBudget grclBudget() {
        long budget = options.get(VosOptions.MEMORY_BUDGET);
        return MemoryBudget.ofBytes(Math.min(64L << 10, budget / 64 / options.get(VosOptions.MAX_OBJECTS)));
    }

    @Override
    public MemoryBudget bankBudget() {
        long budget = options.get(VosOptions.MEMORY_BUDGET);
        if (budget == Long.MAX_VALUE) return MemoryBudget.unbounded();
        return MemoryBudget.ofBytes(bankShare(workW, workH));
    }

    /** Frame memory per object: what the fixed state and the GRCL shares leave, split between the objects that exist. */
    private long bankShare(int w, int h) {
        return bankShare(w, h, shareObjects);
    }

    private long bankShare(int w, int h, int objects) {
        long budget = options.get(VosOptions.MEMORY_BUDGET);
        return (budget - fixedBytes(w, h)) / objects - grclBudget().bytes();
    }

    /** Bytes of one frame-memory entry: sampled rows, their targets and the RMSCL descriptor. */
    private long entryBytes() {
        return 4L * (ObjectTrack.ROWS * (long) space.rawDims() + ObjectTrack.ROWS + FrameDescriptor.length(space.appearanceDims()))
                + dev.engram.memory.MemoryEntry.OVERHEAD_BYTES;
    }

    /**
     * Refuses, before the stream changes, a budget whose per-object share cannot hold the first
     * frame plus one learned frame: learning would otherwise fail later, mid-stream.
     */
    private void requireBudget(Frame frame, int w, int h) {
        long budget = options.get(VosOptions.MEMORY_BUDGET);
        if (budget == Long.MAX_VALUE) return;
        int objects = options.get(VosOptions.MAX_OBJECTS);
        long share = bankShare(w, h, objects), need = 2 * entryBytes();
        if (share < need) {
            throw new IllegalArgumentException("vos.memory-budget " + MemoryBudget.ofBytes(budget)
                    + " is too small for " + frame.width + "x" + frame.height + " frames: the fixed per-stream state takes "
                    + fixedBytes(w, h) + " bytes at the " + w + "x" + h + " working size, leaving " + Math.max(0, share)
                    + " bytes of frame memory per object (vos.max-objects=" + objects + ") where at least " + need
                    + " are needed; raise vos.memory-budget or lower vos.max-objects / vos.work-side");
        }
    }

    @Override public FeatureSpace space() { return space; }
    @Override public String policy() { return options.get(VosOptions.POLICY); }
    @Override public long seed() { return options.get(VosOptions.SEED); }
    @Override public boolean grcl() { return options.get(VosOptions.GRCL); }
    @Override public double grclStrength() { return options.get(VosOptions.GRCL_STRENGTH); }
    @Override public double grclGateFraction() { return options.get(dev.engram.memory.MemoryBankOptions.GRCL_GATE_FRACTION); }

    @Override
    public dev.engram.memory.SelectionPolicy newPolicy(int objectId) {
        return dev.engram.memory.MemoryBankOptions.policy(policy(), seed() ^ objectId, o -> options.get(o));
    }
    @Override public boolean onlineUpdates() { return options.get(VosOptions.ONLINE_UPDATES); }
    @Override public boolean anchor() { return options.get(VosOptions.ANCHOR); }
    @Override public int updateEvery() { return Math.max(1, options.get(VosOptions.UPDATE_EVERY)); }

    @Override
    public SplittableRandom random(int objectId, long frameIndex) {
        return new SplittableRandom(seed() * 0x9E3779B97F4A7C15L + objectId * 0xBF58476D1CE4E5B9L + frameIndex);
    }

    @Override
    public long memoryBytes() {
        long b = prevGray == null ? 0 : prevGray.length;
        for (ObjectTrack t : tracks) b += t.bytes();
        return b;
    }

    /** Bytes of the frame memories alone (every object's bank), a part of {@link #memoryBytes()}. */
    public long bankBytes() {
        long b = 0;
        for (ObjectTrack t : tracks) b += t.bank.bytes();
        return b;
    }

    /** Most bytes the state has held after any frame. */
    public long peakMemoryBytes() {
        return peakBytes;
    }

    @Override
    public long memoryBudgetBytes() {
        return options.get(VosOptions.MEMORY_BUDGET);
    }

    @Override
    public SegmenterStats stats() {
        int entries = 0;
        long updates = 0;
        double loss = Double.NaN, gates = 0;
        for (ObjectTrack t : tracks) {
            entries += t.bank.size();
            updates += t.updates;
            loss = t.lastLoss;
            gates += t.gateShare();
        }
        return new SegmenterStats(framesSeen, tracks.size(), entries, memoryBytes(), updates, loss,
                tracks.isEmpty() ? 0 : gates / tracks.size());
    }

    /** Frame-memory entries evicted during the latest {@link #segment} call on this instance (a figure of the call, not state). */
    public int frameEvictions() {
        int n = 0;
        for (ObjectTrack t : tracks) n += t.frameEvictions;
        return n;
    }

    /** Memory entries the selection policy picked for updates during the latest {@link #segment} call on this instance. */
    public int frameSelections() {
        int n = 0;
        for (ObjectTrack t : tracks) n += t.frameSelections;
        return n;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        options.write(out);
        out.writeInt(width);
        out.writeInt(height);
        out.writeInt(workW);
        out.writeInt(workH);
        out.writeLong(framesSeen);
        out.writeLong(peakBytes);
        out.writeBoolean(prevGray != null);
        if (prevGray != null) {
            out.writeInt(prevGray.length);
            out.write(prevGray);
        }
        out.writeInt(tracks.size());
        for (ObjectTrack t : tracks) t.write(out);
    }

    /** Why this build cannot read segmenter state of {@code version}, or null when it can. */
    public static String unreadableReason(int version) {
        if (version >= OLDEST_READABLE_STATE_VERSION && version <= STATE_VERSION) return null;
        return "segmenter state version " + version + (version < OLDEST_READABLE_STATE_VERSION
                ? " predates every released build" : " is newer than this build") + "; this build reads versions "
                + OLDEST_READABLE_STATE_VERSION + ".." + STATE_VERSION;
    }

    /**
     * Restores a learner written by {@link #writeState} of this or any released build. A version-2
     * learner (written before re-anchoring existed) comes back with {@code vos.anchor=false}, so it
     * budgets and segments as it did. IOException on an unknown version or corrupt data.
     */
    public static OnlineSegmenter readState(DataInput in) throws IOException {
        int version = in.readInt();
        String unreadable = unreadableReason(version);
        if (unreadable != null) throw new IOException(unreadable);
        VosOptions options = VosOptions.read(in);
        if (version == 2) options = options.with(VosOptions.ANCHOR, false);
        if (version < 4 && !options.get(VosOptions.BACKBONE).isBlank()) {
            throw new IOException("segmenter state version " + version + " with a feature backbone cannot be continued by this "
                    + "build (backbone features now enter the target model linearly); restart the stream from its first mask");
        }
        OnlineSegmenter s = new OnlineSegmenter(options, false);
        s.width = in.readInt();
        s.height = in.readInt();
        s.workW = in.readInt();
        s.workH = in.readInt();
        s.framesSeen = in.readLong();
        s.peakBytes = in.readLong();
        if (in.readBoolean()) {
            int n = in.readInt();
            if (n != s.workW * s.workH) throw new IOException("corrupt segmenter state: gray image of " + n + " bytes");
            s.prevGray = new byte[n];
            in.readFully(s.prevGray);
        }
        int count = in.readInt();
        if (count < 0 || count > 255) throw new IOException("corrupt segmenter state: " + count + " objects");
        int descriptor = FrameDescriptor.length(s.space.appearanceDims());
        for (int i = 0; i < count; i++) s.tracks.add(ObjectTrack.read(in, version >= 3, version >= 4 ? -1 : descriptor));
        if (version < 4 && !s.tracks.isEmpty()) {
            // Written when every object had a fixed quarter of the budget: give the objects that exist their share.
            s.shareObjects = s.tracks.size();
            if (s.options.get(VosOptions.MEMORY_BUDGET) != Long.MAX_VALUE) {
                for (ObjectTrack t : s.tracks) t.bank.rebudget(s.bankBudget());
            }
        }
        if (version >= 4) s.shareObjects = Math.max(1, s.tracks.size());
        return s;
    }
}

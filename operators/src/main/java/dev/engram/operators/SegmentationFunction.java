package dev.engram.operators;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.SegmenterResources;
import dev.engram.vos.SegmenterStats;
import dev.engram.vos.VosOptions;
import dev.engram.vos.WarmUp;
import java.util.HashMap;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import dev.engram.operators.metrics.EngramMetrics;
import dev.engram.operators.metrics.StreamMetricGroups;
import dev.engram.operators.metrics.StreamMetrics;
import dev.engram.operators.preview.Preview;
import dev.engram.operators.preview.PreviewImages;
import dev.engram.operators.preview.Previews;
import dev.engram.vos.io.MaskOverlay;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments the frames of each stream (key = {@code streamId}) with one {@link OnlineSegmenter} per
 * stream, held in keyed {@code ValueState} through {@link OnlineSegmenterSerializer}: the heap
 * backend keeps the live object, checkpoints serialize it, and restore → continue gives the same
 * masks as never stopping (the segmenter is deterministic given its seed and its input order, so
 * the input of a key must arrive in frame order).
 *
 * <p>Input is the sources' {@link InputRecord}: frames are segmented, dead letters of the source
 * pass on to the side output, and a stream's end-of-stream marker clears its state (learner, status,
 * metric group) and is passed on as a {@link SegmentedFrame} with {@code endOfStream} set, so the
 * summaries and outputs downstream can complete the stream.
 *
 * <p>A stream's learner is created on its first annotated frame, from the options registered for
 * that stream with {@link #withStreamOptions} or else the defaults. The learner holds arrays only;
 * the native parts it computes with (flow, backbone) belong to this instance's
 * {@link SegmenterResources}, opened in {@code open} and closed in {@code close}, so any state
 * backend (RocksDB deserializes the learner on every frame) opens nothing native per frame.
 *
 * <p>Failure behaviour: bad input never fails the job. A frame whose pixels disagree with its size,
 * whose size differs from the stream's first annotated frame, that arrives before any annotation, or
 * that the segmenter rejects with {@link IllegalArgumentException}, goes to the
 * {@link DeadLetters#TAG} side output and the stream continues. Any other exception from the
 * segmenter, a mask of the wrong size, or a NaN training loss marks the stream as failed (kept in
 * state): it is logged once, that frame and every later frame of the stream are dead-lettered with
 * the reason, and other streams continue.
 *
 * <p>Metrics ({@link EngramMetrics}), per live stream in group {@code stream=<id>} (closed when the
 * stream ends): frames in and per second, processing latency, time of the latest frame, learner bytes
 * (the whole state), bank bytes (its frame memories alone), budget, evictions, memory selections,
 * GRCL gate share, adaptation loss, J&F where the frame has ground truth (scored here, once), and dead
 * letters by reason; {@code liveStreams} per operator instance.
 *
 * <p>Previews: with {@link #previews(long)} set, about one {@link Preview} per stream and interval (the
 * frame with its mask tinted in, at most 320 px) goes to the {@link Previews#TAG} side output.
 */
public class SegmentationFunction extends KeyedProcessFunction<String, InputRecord<LabeledFrame>, SegmentedFrame> {
    /** CPU time of the segmenting thread: per-frame cost that other processes on the machine do not inflate. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationFunction.class);

    private final VosOptions defaults;
    private final HashMap<String, VosOptions> streamOptions = new HashMap<>();
    private boolean keepPixels;
    private long previewIntervalMs;

    private transient ValueState<OnlineSegmenter> segmenterState;
    private transient ValueState<StreamStatus> statusState;
    private transient StreamMetricGroups<VosMetrics> streams;
    private transient Previews previews;
    /** Native parts (flow, backbones) every stream of this instance computes with; learners in state hold arrays only. */
    private transient SegmenterResources resources;
    /** Whether this instance has run its {@link WarmUp} (once, before its first frame). */
    private transient boolean warmedUp;

    public SegmentationFunction(VosOptions defaults) {
        this.defaults = Objects.requireNonNull(defaults, "options");
    }

    /** Uses {@code options} for the learner of {@code streamId} instead of the defaults. */
    public SegmentationFunction withStreamOptions(String streamId, VosOptions options) {
        streamOptions.put(streamId, Objects.requireNonNull(options, "options"));
        return this;
    }

    /** Sends a preview of each stream to {@link Previews#TAG} every {@code intervalMs} of wall-clock time; 0 = none. */
    public SegmentationFunction previews(long intervalMs) {
        this.previewIntervalMs = intervalMs;
        return this;
    }

    /** Copies each frame's pixels into its {@link SegmentedFrame#rgb}, for overlay sinks. */
    public SegmentationFunction keepPixels(boolean keep) {
        this.keepPixels = keep;
        return this;
    }

    public VosOptions optionsFor(String streamId) {
        return streamOptions.getOrDefault(streamId, defaults);
    }

    @Override
    public void open(OpenContext openContext) {
        segmenterState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("segmenter", OnlineSegmenterSerializer.INSTANCE));
        statusState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("stream-status", TypeInformation.of(StreamStatus.class)));
        resources = new SegmenterResources();
        warmedUp = false;
        streams = new StreamMetricGroups<>(getRuntimeContext().getMetricGroup(), VosMetrics::new);
        previews = new Previews(previewIntervalMs);
    }

    /**
     * Runs {@link WarmUp} once per operator instance (again after a restore), before the first frame it
     * segments, with that stream's options and at that frame's size. A failure here (a backbone that
     * cannot load, …) is logged, not thrown: the stream then reports it as it would without a warm-up.
     * Its time is counted in no frame's {@code processingMs}.
     */
    private void warmUpBefore(Frame frame, VosOptions options) {
        warmedUp = true;
        int frames = options.get(VosOptions.WARM_UP_FRAMES);
        if (frames == 0) return;
        try {
            long nanos = WarmUp.run(options, resources, frames, frame.width, frame.height);
            LOG.info("VOS warm-up: {} generated {}x{} frames in {} ms", frames, frame.width, frame.height, nanos / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("VOS warm-up failed; streams start cold", e);
        }
    }

    @Override
    public void processElement(InputRecord<LabeledFrame> record, Context ctx, Collector<SegmentedFrame> out) throws Exception {
        String streamId = ctx.getCurrentKey();
        if (record.deadLetter != null) deadLetter(ctx, record.deadLetter);
        if (record.endOfStream) {
            segmenterState.clear();
            statusState.clear();
            streams.release(streamId);
            previews.release(streamId);
            out.collect(SegmentedFrame.end(streamId));
            return;
        }
        if (record.value == null) return;
        LabeledFrame in = record.value;
        Frame frame = in.frame;
        if (frame == null) {
            deadLetter(ctx, new DeadLetter(streamId, -1, null, "record of stream " + streamId + " carries no frame"));
            return;
        }
        StreamStatus status = statusState.value();
        if (status != null && status.failed()) {
            deadLetter(ctx, letter(frame, "stream " + streamId + " is disabled since frame " + status.failedAt
                    + ": " + status.failure));
            return;
        }
        String rejection = rejection(frame, status);
        if (rejection != null) {
            deadLetter(ctx, letter(frame, rejection));
            return;
        }
        if (!warmedUp) warmUpBefore(frame, optionsFor(streamId));
        OnlineSegmenter segmenter = segmenterState.value();
        Mask mask;
        long started = System.nanoTime();
        long cpuStarted = CPU.getCurrentThreadCpuTime();
        try {
            if (segmenter == null) segmenter = new OnlineSegmenter(optionsFor(streamId));
            mask = segmenter.segment(frame, resources);
        } catch (IllegalArgumentException e) {
            deadLetter(ctx, letter(frame, e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        } catch (Exception e) {
            fail(ctx, frame, status, "segmenter failed: " + e);
            LOG.error("Stream {} disabled: segmenter failed on {}", streamId, frame.describe(), e);
            return;
        }
        long nanos = System.nanoTime() - started;
        long cpuNanos = CPU.getCurrentThreadCpuTime() - cpuStarted;
        SegmenterStats stats = segmenter.stats();
        if (mask == null || mask.width != frame.width || mask.height != frame.height) {
            fail(ctx, frame, status, "segmenter returned " + (mask == null ? "no mask" : "a " + mask.width + "x"
                    + mask.height + " mask") + " for a " + frame.width + "x" + frame.height + " frame");
            LOG.error("Stream {} disabled on {}: wrong mask", streamId, frame.describe());
            return;
        }
        if (stats.updates() > 0 && Double.isNaN(stats.lastLoss())) {
            fail(ctx, frame, status, "learner diverged: training loss is NaN after " + stats.updates() + " updates");
            LOG.error("Stream {} disabled on {}: NaN loss", streamId, frame.describe());
            return;
        }
        segmenterState.update(segmenter);
        if (status == null) {
            status = new StreamStatus();
            status.width = frame.width;
            status.height = frame.height;
            statusState.update(status);
        }
        SegmentedFrame result = result(in, frame, mask, segmenter, stats, nanos);
        result.processingCpuNanos = cpuNanos;
        if (result.groundTruth != null) FrameScoring.score(result);
        if (previews.due(streamId)) ctx.output(Previews.TAG, preview(frame, mask, result));
        out.collect(result);
        record(streamId, result, stats, segmenter, nanos);
    }

    private static Preview preview(Frame frame, Mask mask, SegmentedFrame result) {
        Preview p = PreviewImages.rgb(MaskOverlay.tint(frame, mask, 0.5), frame.width, frame.height);
        p.streamId = frame.streamId;
        p.kind = Preview.VOS;
        p.index = frame.index;
        p.timeMs = System.currentTimeMillis();
        double jf = jAndF(result);
        p.caption = "frame " + frame.index + (Double.isNaN(jf) ? "" : String.format(java.util.Locale.ROOT, " · J&F %.3f", jf));
        return p;
    }

    /** Mean of J and F over the frame's objects, or NaN when it was not scored. */
    static double jAndF(SegmentedFrame f) {
        if (f.objectJ == null || f.objectJ.length == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < f.objectJ.length; i++) sum += (f.objectJ[i] + f.objectF[i]) / 2;
        return sum / f.objectJ.length;
    }

    /** Why the frame cannot be segmented before the learner sees it, or null. */
    private static String rejection(Frame frame, StreamStatus status) {
        try {
            frame.validate();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (status == null && frame.annotation == null) {
            return frame.describe() + ": no object annotated yet; the first frame of a stream needs a mask";
        }
        if (status != null && (status.width != frame.width || status.height != frame.height)) {
            return frame.describe() + ": frame is " + frame.width + "x" + frame.height + " but the stream started at "
                    + status.width + "x" + status.height;
        }
        return null;
    }

    private SegmentedFrame result(LabeledFrame in, Frame frame, Mask mask, OnlineSegmenter segmenter,
            SegmenterStats stats, long nanos) {
        SegmentedFrame r = new SegmentedFrame();
        r.streamId = frame.streamId;
        r.index = frame.index;
        r.timestampMs = frame.timestampMs;
        r.width = frame.width;
        r.height = frame.height;
        r.mask = mask.ids;
        if (in.groundTruth != null && in.groundTruth.width == frame.width && in.groundTruth.height == frame.height) {
            r.groundTruth = in.groundTruth.ids;
        }
        if (keepPixels) r.rgb = frame.rgb;
        r.memoryBytes = segmenter.memoryBytes();
        r.bankBytes = segmenter.bankBytes();
        r.budgetBytes = segmenter.memoryBudgetBytes();
        r.bankEntries = stats.bankEntries();
        r.updates = stats.updates();
        r.lastLoss = stats.lastLoss();
        r.processingNanos = nanos;
        return r;
    }

    /** Frees the native parts (optical flow, backbones) this instance opened; learner state stays in Flink. */
    @Override
    public void close() throws Exception {
        if (resources != null) resources.close();
        resources = null;
        if (streams != null) streams.releaseAll();
        super.close();
    }

    private void fail(Context ctx, Frame frame, StreamStatus status, String reason) throws Exception {
        StreamStatus failed = status == null ? new StreamStatus() : status;
        if (status == null) {
            failed.width = frame.width;
            failed.height = frame.height;
        }
        failed.failedAt = frame.index;
        failed.failure = reason;
        statusState.update(failed);
        segmenterState.clear();
        deadLetter(ctx, letter(frame, frame.describe() + ": " + reason + "; the stream is disabled"));
    }

    private void record(String streamId, SegmentedFrame r, SegmenterStats stats, OnlineSegmenter segmenter, long nanos) {
        VosMetrics m = streams.of(streamId);
        m.learnerBytes = r.memoryBytes;
        m.bankBytes = r.bankBytes;
        m.budgetBytes = r.budgetBytes;
        m.loss = stats.lastLoss();
        m.gateShare = stats.grclGateShare();
        m.evictions.inc(segmenter.frameEvictions());
        m.selections.inc(segmenter.frameSelections());
        double jf = jAndF(r);
        if (!Double.isNaN(jf)) m.jAndF = jf;
        m.processed(1, nanos);
    }

    private static DeadLetter letter(Frame frame, String reason) {
        return new DeadLetter(frame.streamId, frame.index, frame.origin, reason).at("segment");
    }

    private void deadLetter(Context ctx, DeadLetter letter) {
        streams.of(ctx.getCurrentKey()).deadLetter(letter.stage);
        ctx.output(DeadLetters.TAG, letter);
    }

    /** A VOS stream's metrics; the gauges read what the operator thread wrote after the stream's latest frame. */
    static final class VosMetrics extends StreamMetrics {
        volatile long learnerBytes;
        volatile long bankBytes;
        volatile long budgetBytes;
        volatile double loss = Double.NaN;
        volatile double gateShare;
        volatile double jAndF = Double.NaN;
        final Counter evictions;
        final Counter selections;

        VosMetrics(MetricGroup g) {
            super(g, EngramMetrics.FRAMES_IN, EngramMetrics.FRAMES_PER_SECOND);
            g.gauge(EngramMetrics.LEARNER_BYTES.name(), () -> learnerBytes);
            g.gauge(EngramMetrics.BANK_BYTES.name(), () -> bankBytes);
            g.gauge(EngramMetrics.BUDGET_BYTES.name(), () -> budgetBytes);
            g.gauge(EngramMetrics.ADAPTATION_LOSS.name(), () -> loss);
            g.gauge(EngramMetrics.GRCL_GATE_SHARE.name(), () -> gateShare);
            g.gauge(EngramMetrics.J_AND_F.name(), () -> jAndF);
            evictions = g.counter(EngramMetrics.EVICTIONS.name());
            selections = g.counter(EngramMetrics.MEMORY_SELECTIONS.name());
        }
    }
}

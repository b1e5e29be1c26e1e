package dev.engram.operators.tta;

import ai.djl.ndarray.NDManager;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.InputRecord;
import dev.engram.operators.metrics.EngramMetrics;
import dev.engram.operators.metrics.StreamMetricGroups;
import dev.engram.operators.metrics.StreamMetrics;
import dev.engram.operators.preview.Preview;
import dev.engram.operators.preview.PreviewImages;
import dev.engram.operators.preview.Previews;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.adapt.SourceOnlyAdapter;
import dev.engram.tta.adapt.TentAdapter;
import dev.engram.tta.model.ResNetClassifier;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Classifies each stream's batches (key = {@code streamId}) with a frozen source model adapted per
 * stream by the chosen {@link Method} (EcoTTA by default, TENT, or none) behind a {@link CollapseGuard}.
 * The model and the warm-up (source) meta state are shared by all streams; each stream's own
 * adaptation state (parameters, Adam moments, guard statistics) lives in keyed {@code ValueState}
 * through {@link AdapterStateSerializer}, so a restore continues exactly like an uninterrupted run
 * (one PyTorch thread, batches of a key in order).
 *
 * <p>A stream starts from the source state. Input is the sources' {@link InputRecord}: dead letters
 * pass on to {@link DeadLetters#TAG}; a stream's end-of-stream marker clears its state and is passed
 * on as an {@link AdaptedBatch} with {@code endOfStream} set. Where a batch carries labels, the frozen
 * source model classifies it too ({@link AdaptedBatch#sourceErrors}), so the gain of adaptation is
 * measured on the stream itself.
 *
 * <p>Metrics ({@link EngramMetrics}), per live stream in group {@code stream=<id>}: frames (digits) in
 * and per second, processing latency per batch, time of the latest batch, learner bytes (the
 * adaptation state), adaptation step bytes, entropy, adapted and source error of the latest labelled
 * batch, adaptation resets, collapse detections and dead letters by reason. Previews: with
 * {@link #previews(long)} set, about one digit per stream and interval, with its label, both
 * predictions and the weather, goes to {@link Previews#TAG}.
 *
 * <p>Failure behaviour: a batch whose pixel count is not {@code count * 784}, or that carries a NaN or
 * infinite pixel, becomes a dead letter naming the batch; the stream's state is untouched and it
 * goes on with the next batch. Adaptation that diverges (non-finite entropy) or collapses is reset to
 * the source state by the guard and counted.
 */
public class TtaFunction extends KeyedProcessFunction<String, InputRecord<DigitBatch>, AdaptedBatch> {
    private static final long serialVersionUID = 1L;
    private static final int PREVIEW_SIDE = 112;

    private final Method method;
    private final double tentLearningRate;
    private final byte[] model;
    private final byte[] sourceState;
    private final EcoTtaAdapter.Config ecoConfig;
    private final CollapseGuard.Config guardConfig;
    private long previewIntervalMs;

    private transient NDManager manager;
    private transient ResNetClassifier classifier;
    private transient CollapseGuard adapter;
    private transient SourceOnlyAdapter source;
    private transient AdapterState initial;
    private transient ValueState<AdapterState> state;
    private transient StreamMetricGroups<TtaMetrics> streams;
    private transient Previews previews;

    /**
     * EcoTTA behind the guard.
     *
     * @param model the classifier as written by {@link ResNetClassifier#write}
     * @param sourceState the EcoTTA warm-up state as written by {@link AdapterState#write}, or null for none
     */
    public TtaFunction(byte[] model, byte[] sourceState, EcoTtaAdapter.Config ecoConfig, CollapseGuard.Config guardConfig) {
        this(Method.ECOTTA, model, sourceState, ecoConfig, 0, guardConfig);
    }

    private TtaFunction(Method method, byte[] model, byte[] sourceState, EcoTtaAdapter.Config ecoConfig, double tentLearningRate,
            CollapseGuard.Config guardConfig) {
        this.method = Objects.requireNonNull(method, "method");
        this.model = model.clone();
        this.sourceState = sourceState == null ? null : sourceState.clone();
        this.ecoConfig = ecoConfig;
        this.tentLearningRate = tentLearningRate;
        this.guardConfig = guardConfig;
    }

    /** TENT with Adam at {@code learningRate}, behind the guard. */
    public static TtaFunction tent(byte[] model, double learningRate, CollapseGuard.Config guardConfig) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("TENT's learning rate must be positive, got " + learningRate);
        return new TtaFunction(Method.TENT, model, null, null, learningRate, guardConfig);
    }

    /** The frozen source model, no adaptation (the guard watches but cannot reset anything). */
    public static TtaFunction sourceOnly(byte[] model) {
        return new TtaFunction(Method.SOURCE, model, null, null, 0, CollapseGuard.Config.monitorOnly());
    }

    public Method method() {
        return method;
    }

    /** Sends a preview of each stream's current digit to {@link Previews#TAG} every {@code intervalMs}; 0 = none. */
    public TtaFunction previews(long intervalMs) {
        this.previewIntervalMs = intervalMs;
        return this;
    }

    @Override
    public void open(OpenContext ctx) throws IOException {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager();
        classifier = ResNetClassifier.read(new DataInputStream(new ByteArrayInputStream(model)), manager);
        source = new SourceOnlyAdapter(classifier);
        Adapter inner = switch (method) {
            case ECOTTA -> {
                EcoTtaAdapter eco = new EcoTtaAdapter(classifier, ecoConfig);
                if (sourceState != null) eco.useSourceState(AdapterState.read(new DataInputStream(new ByteArrayInputStream(sourceState))));
                yield eco;
            }
            case TENT -> new TentAdapter(classifier, tentLearningRate);
            case SOURCE -> new SourceOnlyAdapter(classifier);
        };
        adapter = new CollapseGuard(inner, guardConfig, classifier.spec().classes());
        initial = adapter.state();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("tta-adapter", AdapterStateSerializer.INSTANCE));
        streams = new StreamMetricGroups<>(getRuntimeContext().getMetricGroup(), TtaMetrics::new);
        previews = new Previews(previewIntervalMs);
    }

    @Override
    public void processElement(InputRecord<DigitBatch> record, Context ctx, Collector<AdaptedBatch> out) throws Exception {
        String streamId = ctx.getCurrentKey();
        if (record.deadLetter != null) deadLetter(ctx, record.deadLetter);
        if (record.endOfStream) {
            state.clear();
            streams.release(streamId);
            previews.release(streamId);
            out.collect(AdaptedBatch.end(streamId));
            return;
        }
        DigitBatch batch = record.value;
        if (batch == null) return;
        String refusal = refusal(batch);
        if (refusal != null) {
            deadLetter(ctx, new DeadLetter(batch.streamId, batch.index, batch.origin, refusal).at("adapt"));
            return;
        }
        long started = System.nanoTime();
        AdapterState current = state.value();
        adapter.restore(current == null ? initial : current);
        long resetsBefore = adapter.resets(), collapsesBefore = adapter.collapses();
        Adapter.Step step = adapter.step(batch.pixels, batch.count);
        AdapterState next = adapter.state();
        state.update(next);
        AdaptedBatch result = new AdaptedBatch();
        result.streamId = batch.streamId;
        result.index = batch.index;
        result.count = batch.count;
        result.condition = batch.condition;
        result.predictions = step.predictions();
        result.meanEntropy = step.meanEntropy();
        int[] sourcePredictions = null;
        if (batch.labels != null) {
            sourcePredictions = method == Method.SOURCE ? step.predictions() : source.step(batch.pixels, batch.count).predictions();
            for (int i = 0; i < batch.count; i++) {
                if (batch.labels[i] < 0) continue;
                result.labelled++;
                if (batch.labels[i] != step.predictions()[i]) result.errors++;
                if (batch.labels[i] != sourcePredictions[i]) result.sourceErrors++;
            }
        }
        result.memoryBytes = step.memory().totalBytes();
        result.resets = adapter.resets();
        result.stateHash = next.hashCode();
        long nanos = System.nanoTime() - started;
        if (previews.due(streamId)) ctx.output(Previews.TAG, preview(batch, step.predictions(), sourcePredictions));
        out.collect(result);

        TtaMetrics m = streams.of(streamId);
        m.learnerBytes = next.bytes();
        m.stepBytes = result.memoryBytes;
        m.entropy = step.meanEntropy();
        if (result.labelled > 0) {
            m.error = result.errors / (double) result.labelled;
            m.sourceError = result.sourceErrors / (double) result.labelled;
        }
        m.resets.inc(adapter.resets() - resetsBefore);
        m.collapses.inc(adapter.collapses() - collapsesBefore);
        m.processed(batch.count, nanos);
    }

    private static Preview preview(DigitBatch batch, int[] predictions, int[] sourcePredictions) {
        float[] digit = java.util.Arrays.copyOf(batch.pixels, 784);
        Preview p = PreviewImages.grey(digit, 28, 28, PREVIEW_SIDE);
        p.streamId = batch.streamId;
        p.kind = Preview.TTA;
        p.index = batch.index;
        p.timeMs = System.currentTimeMillis();
        p.label = batch.labels == null ? -1 : batch.labels[0];
        p.predicted = predictions[0];
        p.sourcePredicted = sourcePredictions == null ? -1 : sourcePredictions[0];
        p.weather = batch.condition;
        p.caption = "batch " + batch.index + (batch.condition == null ? "" : " · " + batch.condition);
        return p;
    }

    /** Why a batch cannot be adapted on, or null. */
    private static String refusal(DigitBatch b) {
        if (b.count < 1 || b.pixels == null || b.pixels.length != b.count * 784) {
            return "batch " + b.index + " of stream " + b.streamId + ": " + (b.pixels == null ? 0 : b.pixels.length)
                    + " pixels for " + b.count + " digits of 28x28";
        }
        for (float v : b.pixels) {
            if (!Float.isFinite(v)) return "batch " + b.index + " of stream " + b.streamId + " carries a NaN or infinite pixel";
        }
        if (b.labels != null && b.labels.length != b.count) {
            return "batch " + b.index + " of stream " + b.streamId + ": " + b.labels.length + " labels for " + b.count + " digits";
        }
        return null;
    }

    private void deadLetter(Context ctx, DeadLetter letter) {
        streams.of(ctx.getCurrentKey()).deadLetter(letter.stage);
        ctx.output(DeadLetters.TAG, letter);
    }

    @Override
    public void close() {
        if (streams != null) streams.releaseAll();
        if (adapter != null) adapter.close();
        if (source != null) source.close();
        if (classifier != null) classifier.close();
        if (manager != null) manager.close();
    }

    /** A TTA stream's metrics; the gauges read what the operator thread wrote after the stream's latest batch. */
    static final class TtaMetrics extends StreamMetrics {
        volatile long learnerBytes;
        volatile long stepBytes;
        volatile double entropy = Double.NaN;
        volatile double error = Double.NaN;
        volatile double sourceError = Double.NaN;
        final Counter resets;
        final Counter collapses;

        TtaMetrics(MetricGroup g) {
            super(g, EngramMetrics.FRAMES_IN, EngramMetrics.FRAMES_PER_SECOND);
            g.gauge(EngramMetrics.LEARNER_BYTES.name(), () -> learnerBytes);
            g.gauge(EngramMetrics.ADAPTATION_STEP_BYTES.name(), () -> stepBytes);
            g.gauge(EngramMetrics.TTA_ENTROPY.name(), () -> entropy);
            g.gauge(EngramMetrics.TTA_ERROR.name(), () -> error);
            g.gauge(EngramMetrics.SOURCE_ERROR.name(), () -> sourceError);
            resets = g.counter(EngramMetrics.ADAPTATION_RESETS.name());
            collapses = g.counter(EngramMetrics.COLLAPSE_DETECTIONS.name());
        }
    }
}

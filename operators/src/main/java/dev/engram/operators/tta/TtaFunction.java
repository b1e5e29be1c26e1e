package dev.engram.operators.tta;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.model.ResNetClassifier;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.InputRecord;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Classifies each stream's batches (key = {@code streamId}) with a frozen source model adapted per
 * stream by EcoTTA behind a {@link CollapseGuard}. The model and the warm-up (source) meta state are
 * shared by all streams; each stream's own adaptation state (meta-network parameters, Adam moments,
 * guard statistics) lives in keyed {@code ValueState} through {@link AdapterStateSerializer}, so a
 * restore continues exactly like an uninterrupted run (one PyTorch thread, batches of a key in order).
 *
 * <p>A stream starts from the source state. Input is the sources' {@link InputRecord}: dead letters
 * pass on to {@link DeadLetters#TAG}; a stream's end-of-stream marker clears its state and is passed
 * on as an {@link AdaptedBatch} with {@code endOfStream} set.
 *
 * <p>Failure behaviour: a batch whose pixel count is not {@code count * 784}, or that carries a NaN or
 * infinite pixel, becomes a dead letter naming the batch; the stream's state is untouched and it
 * goes on with the next batch.
 */
public class TtaFunction extends KeyedProcessFunction<String, InputRecord<DigitBatch>, AdaptedBatch> {
    private static final long serialVersionUID = 1L;

    private final byte[] model;
    private final byte[] sourceState;
    private final EcoTtaAdapter.Config ecoConfig;
    private final CollapseGuard.Config guardConfig;

    private transient NDManager manager;
    private transient ResNetClassifier classifier;
    private transient CollapseGuard adapter;
    private transient AdapterState initial;
    private transient ValueState<AdapterState> state;

    /**
     * @param model the classifier as written by {@link ResNetClassifier#write}
     * @param sourceState the EcoTTA warm-up state as written by {@link AdapterState#write}, or null for none
     */
    public TtaFunction(byte[] model, byte[] sourceState, EcoTtaAdapter.Config ecoConfig, CollapseGuard.Config guardConfig) {
        this.model = model.clone();
        this.sourceState = sourceState == null ? null : sourceState.clone();
        this.ecoConfig = ecoConfig;
        this.guardConfig = guardConfig;
    }

    @Override
    public void open(OpenContext ctx) throws IOException {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager();
        classifier = ResNetClassifier.read(new DataInputStream(new ByteArrayInputStream(model)), manager);
        EcoTtaAdapter eco = new EcoTtaAdapter(classifier, ecoConfig);
        if (sourceState != null) eco.useSourceState(AdapterState.read(new DataInputStream(new ByteArrayInputStream(sourceState))));
        adapter = new CollapseGuard(eco, guardConfig, classifier.spec().classes());
        initial = adapter.state();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("tta-adapter", AdapterStateSerializer.INSTANCE));
    }

    @Override
    public void processElement(InputRecord<DigitBatch> record, Context ctx, Collector<AdaptedBatch> out) throws Exception {
        if (record.deadLetter != null) ctx.output(DeadLetters.TAG, record.deadLetter);
        if (record.endOfStream) {
            state.clear();
            out.collect(AdaptedBatch.end(ctx.getCurrentKey()));
            return;
        }
        DigitBatch batch = record.value;
        if (batch == null) return;
        String refusal = refusal(batch);
        if (refusal != null) {
            ctx.output(DeadLetters.TAG, new DeadLetter(batch.streamId, batch.index, batch.origin, refusal).at("adapt"));
            return;
        }
        AdapterState current = state.value();
        adapter.restore(current == null ? initial : current);
        Adapter.Step step = adapter.step(batch.pixels, batch.count);
        AdapterState next = adapter.state();
        state.update(next);
        AdaptedBatch result = new AdaptedBatch();
        result.streamId = batch.streamId;
        result.index = batch.index;
        result.count = batch.count;
        result.condition = batch.condition;
        result.predictions = step.predictions();
        if (batch.labels != null) {
            for (int i = 0; i < batch.count; i++) if (batch.labels[i] >= 0 && batch.labels[i] != step.predictions()[i]) result.errors++;
        }
        result.memoryBytes = step.memory().totalBytes();
        result.resets = adapter.resets();
        result.stateHash = next.hashCode();
        out.collect(result);
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

    @Override
    public void close() {
        if (adapter != null) adapter.close();
        if (classifier != null) classifier.close();
        if (manager != null) manager.close();
    }
}

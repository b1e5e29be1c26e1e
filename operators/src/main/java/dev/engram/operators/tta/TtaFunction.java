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
 * <p>A stream starts from the source state. Failure: a batch whose pixel count is not
 * {@code count * 784} fails with {@link IllegalArgumentException} (the adapter's contract).
 */
public class TtaFunction extends KeyedProcessFunction<String, DigitBatch, AdaptedBatch> {
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
    public void processElement(DigitBatch batch, Context ctx, Collector<AdaptedBatch> out) throws Exception {
        AdapterState current = state.value();
        adapter.restore(current == null ? initial : current);
        Adapter.Step step = adapter.step(batch.pixels, batch.count);
        AdapterState next = adapter.state();
        state.update(next);
        AdaptedBatch result = new AdaptedBatch();
        result.streamId = batch.streamId;
        result.index = batch.index;
        result.predictions = step.predictions();
        if (batch.labels != null) {
            for (int i = 0; i < batch.count; i++) if (batch.labels[i] >= 0 && batch.labels[i] != step.predictions()[i]) result.errors++;
        }
        result.memoryBytes = step.memory().totalBytes();
        result.resets = adapter.resets();
        result.stateHash = next.hashCode();
        out.collect(result);
    }

    @Override
    public void close() {
        if (adapter != null) adapter.close();
        if (classifier != null) classifier.close();
        if (manager != null) manager.close();
    }
}

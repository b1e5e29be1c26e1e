package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;

/** The frozen source model with its running statistics: the no-adaptation baseline. */
public final class SourceOnlyAdapter implements Adapter {
    private final ResNetClassifier model;
    private final NDManager manager;

    public SourceOnlyAdapter(ResNetClassifier model) {
        this.model = model;
        this.manager = model.manager().newSubManager();
    }

    @Override
    public Method method() {
        return Method.SOURCE;
    }

    @Override
    public Step step(float[] pixels, int count) {
        try (StepScope scope = new StepScope(manager, pixels, count, 28, 28)) {
            NDArray logits = model.logits(scope.input, ResNetClassifier.SOURCE);
            int[] pred = SourceTrainer.argmax(logits.toFloatArray(), model.spec().classes());
            double ent = StepScope.entropy(logits).mean().getFloat();
            return new Step(pred, ent, StepScope.maxShare(pred, model.spec().classes()), AdaptationMemory.NONE, false);
        }
    }

    @Override
    public void reset() {}

    @Override
    public AdapterState state() {
        return new AdapterState();
    }

    @Override
    public void restore(AdapterState state) {}

    @Override
    public long trainableParameterCount() {
        return 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import dev.engram.tta.model.Norms;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TENT (Wang et al., ICLR 2021): every normalisation layer normalises with the test batch's
 * statistics, and only the normalisation affine parameters (own copies; the model is untouched) are
 * updated by Adam on the batch's mean prediction entropy, with plain autograd through the whole
 * network. Memory: the activations are whatever autograd's forward leaves alive.
 */
public final class TentAdapter implements Adapter {
    private final ResNetClassifier model;
    private final NDManager manager;
    private final Map<String, NDArray> gamma = new LinkedHashMap<>();
    private final Map<String, NDArray> beta = new LinkedHashMap<>();
    private final Adam adam;
    private final Norms norms;

    public TentAdapter(ResNetClassifier model, double learningRate) {
        this.model = model;
        this.manager = model.manager().newSubManager();
        List<NDArray> trainable = new ArrayList<>();
        for (String layer : model.normLayers()) {
            NDArray g = model.param(layer + ".gamma").duplicate();
            NDArray b = model.param(layer + ".beta").duplicate();
            g.attach(manager);
            b.attach(manager);
            g.setRequiresGradient(true);
            b.setRequiresGradient(true);
            gamma.put(layer, g);
            beta.put(layer, b);
            trainable.add(g);
            trainable.add(b);
        }
        this.adam = new Adam(trainable, learningRate);
        this.norms = (m, layer, x) -> ResNetClassifier.batchStatistics(x, gamma.get(layer), beta.get(layer));
    }

    @Override
    public Method method() {
        return Method.TENT;
    }

    @Override
    public Step step(float[] pixels, int count) {
        try (StepScope scope = new StepScope(manager, pixels, count, 28, 28)) {
            NDArray logits;
            double meanEntropy;
            long activations;
            try (GradientCollector gc = TorchRuntime.gradients()) {
                logits = model.logits(scope.input, norms);
                NDArray loss = StepScope.entropy(logits).mean();
                activations = scope.heldBytes();
                meanEntropy = loss.getFloat();
                gc.backward(loss);
            }
            adam.step();
            int[] pred = SourceTrainer.argmax(logits.toFloatArray(), model.spec().classes());
            long paramBytes = 4 * trainableParameterCount();
            return new Step(pred, meanEntropy, StepScope.maxShare(pred, model.spec().classes()),
                    new AdaptationMemory(paramBytes, paramBytes, adam.stateBytes(), activations), false);
        }
    }

    @Override
    public void reset() {
        for (String layer : gamma.keySet()) {
            gamma.get(layer).set(FloatBuffer.wrap(model.param(layer + ".gamma").toFloatArray()));
            beta.get(layer).set(FloatBuffer.wrap(model.param(layer + ".beta").toFloatArray()));
        }
        adam.reset();
    }

    @Override
    public AdapterState state() {
        AdapterState s = new AdapterState();
        for (String layer : gamma.keySet()) {
            s.putArray(layer + ".gamma", gamma.get(layer).toFloatArray());
            s.putArray(layer + ".beta", beta.get(layer).toFloatArray());
        }
        adam.save(s);
        return s;
    }

    @Override
    public void restore(AdapterState s) {
        for (String layer : gamma.keySet()) {
            gamma.get(layer).set(FloatBuffer.wrap(s.array(layer + ".gamma")));
            beta.get(layer).set(FloatBuffer.wrap(s.array(layer + ".beta")));
        }
        adam.load(s);
    }

    /** The adapted affine parameters, for tests. */
    public float[] adaptedParameters() {
        return adam.parameterValues();
    }

    @Override
    public long trainableParameterCount() {
        return adam.parameterCount();
    }

    @Override
    public void close() {
        manager.close();
    }
}

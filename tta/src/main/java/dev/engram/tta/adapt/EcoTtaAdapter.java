package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import dev.engram.tta.SeededRandom;
import dev.engram.tta.data.MnistDigits;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.ResNetClassifier.Unit;
import dev.engram.tta.model.SourceTrainer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * EcoTTA (Song et al., CVPR 2023) over {@link ResNetClassifier}: the encoder is split into K parts;
 * beside each part sits a meta network, a normalisation layer on the part's output (test-batch
 * statistics, adapted affine) plus a light 1x1 conv block from the part's input, so part k gives
 * {@code y_k = BN_k(E_k(y_{k-1})) + C_k(y_{k-1})}. Only the meta networks adapt, by entropy
 * minimisation on confident samples (entropy below {@code margin * ln C}) plus a self-distilled L1
 * term keeping each {@code y_k} close to the frozen part's output {@code E_k(y_{k-1})}.
 *
 * <p>Memory: the frozen parts run outside autograd ({@link FrozenPath}); they keep a 1-byte ReLU mask
 * and per-channel scales, and their input gradient is computed by hand, part by part from the last
 * to the first. Autograd only records the meta networks and the head. The frozen normalisation
 * layers normalise with the test batch's statistics by default (as constants in the backward).
 *
 * <p>The pre-stage {@link #warmUp} fits the meta networks on source data with the network frozen;
 * {@link #reset()} returns to the state at the end of the warm-up.
 */
public final class EcoTtaAdapter implements Adapter {
    /** Part boundaries as unit end indices, learning rate, distillation weight, confidence margin. */
    public record Config(int[] partEnds, double learningRate, double distillWeight, double entropyMargin,
            boolean frozenBatchStatistics) implements java.io.Serializable {
        public static Config defaults() {
            return new Config(new int[] {3, 4, 5}, 1e-3, 0.5, 0.4, true);
        }
    }

    private static final class Part {
        int from;
        int to;
        int in;
        int out;
        int stride;
        NDArray conv;
        NDArray gamma;
        NDArray beta;
    }

    private final ResNetClassifier model;
    private final Config config;
    private final NDManager manager;
    private final List<Part> parts = new ArrayList<>();
    private final FrozenPath frozen;
    private final Adam adam;
    private AdapterState source;

    public EcoTtaAdapter(ResNetClassifier model, Config config) {
        this.model = model;
        this.config = config;
        this.manager = model.manager().newSubManager();
        this.frozen = new FrozenPath(model, config.frozenBatchStatistics());
        int from = 0;
        List<NDArray> trainable = new ArrayList<>();
        for (int end : config.partEnds()) {
            if (end <= from || end > model.units().size()) throw new IllegalArgumentException("bad part ends");
            Part p = new Part();
            p.from = from;
            p.to = end;
            p.in = model.units().get(from).in();
            p.out = model.units().get(end - 1).out();
            p.stride = 1;
            for (int i = from; i < end; i++) p.stride *= model.units().get(i).stride();
            p.conv = manager.zeros(new Shape(p.out, p.in, 1, 1));
            p.gamma = manager.ones(new Shape(p.out));
            p.beta = manager.zeros(new Shape(p.out));
            for (NDArray a : new NDArray[] {p.conv, p.gamma, p.beta}) {
                a.setRequiresGradient(true);
                trainable.add(a);
            }
            parts.add(p);
            from = end;
        }
        if (from != model.units().size()) throw new IllegalArgumentException("parts must cover every unit");
        this.adam = new Adam(trainable, config.learningRate());
        this.source = state();
    }

    @Override
    public Method method() {
        return Method.ECOTTA;
    }

    /**
     * The pre-stage: meta normalisation initialised to the identity on source statistics, then
     * {@code steps} Adam steps of cross-entropy (+ self-distillation) on shifted source digits with the
     * network frozen. Afterwards this is the source state {@link #reset()} returns to.
     */
    public void warmUp(MnistDigits data, int steps, int batchSize, long seed, Consumer<String> progress) {
        SeededRandom rnd = new SeededRandom(seed);
        int pixels = data.width() * data.height();
        calibrate(batch(data, rnd, Math.min(512, data.size()), pixels));
        adam.reset();
        double lossSum = 0;
        for (int s = 0; s < steps; s++) {
            float[][] b = batchWithLabels(data, rnd, batchSize, pixels);
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) labels[i] = (int) b[1][i];
            lossSum += run(b[0], batchSize, labels, true).meanEntropy();
            if (progress != null && (s + 1) % 50 == 0) {
                progress.accept(String.format("eco warm-up %d/%d loss %.4f", s + 1, steps, lossSum / 50));
                lossSum = 0;
            }
        }
        adam.reset();
        this.source = state();
    }

    private static float[] batch(MnistDigits data, SeededRandom rnd, int n, int pixels) {
        float[] out = new float[n * pixels];
        for (int i = 0; i < n; i++) System.arraycopy(data.images()[rnd.nextInt(data.size())], 0, out, i * pixels, pixels);
        return out;
    }

    private static float[][] batchWithLabels(MnistDigits data, SeededRandom rnd, int n, int pixels) {
        float[] x = new float[n * pixels];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int idx = rnd.nextInt(data.size());
            System.arraycopy(data.images()[idx], 0, x, i * pixels, pixels);
            y[i] = data.labels()[idx];
        }
        return new float[][] {x, y};
    }

    /** Sets each meta normalisation to undo its own standardisation on this batch's frozen features. */
    private void calibrate(float[] pixels) {
        int n = pixels.length / 784;
        try (StepScope scope = new StepScope(manager, pixels, n, 28, 28)) {
            NDArray h = scope.input;
            for (Part p : parts) {
                List<FrozenPath.UnitTape> tape = new ArrayList<>();
                for (int u = p.from; u < p.to; u++) h = frozen.forward(model.units().get(u), h, tape, scope.manager);
                NDArray mean = h.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0});
                NDArray sq = h.square().mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0});
                float[] m = mean.toFloatArray();
                float[] s2 = sq.toFloatArray();
                float[] g = new float[m.length];
                for (int c = 0; c < g.length; c++) {
                    g[c] = (float) Math.sqrt(Math.max(0, s2[c] - m[c] * m[c]) + ResNetClassifier.BN_EPS);
                }
                p.gamma.set(FloatBuffer.wrap(g));
                p.beta.set(FloatBuffer.wrap(m));
            }
        }
    }

    @Override
    public Step step(float[] pixels, int count) {
        return run(pixels, count, null, true);
    }

    /** One forward + manual backward; with {@code labels} the loss is cross-entropy (warm-up). */
    private Step run(float[] pixels, int count, int[] labels, boolean update) {
        int classes = model.spec().classes();
        int k = parts.size();
        try (StepScope scope = new StepScope(manager, pixels, count, 28, 28)) {
            NDArray[] y = new NDArray[k];
            NDArray[] f = new NDArray[k];
            NDArray[] xLeaf = new NDArray[k];
            List<List<FrozenPath.UnitTape>> tapes = new ArrayList<>();
            float[] logitValues;
            double reportedLoss;
            long held;
            try (GradientCollector gc = TorchRuntime.gradients()) {
                NDArray in = scope.input;
                for (int i = 0; i < k; i++) {
                    Part p = parts.get(i);
                    List<FrozenPath.UnitTape> tape = new ArrayList<>();
                    try (NDManager scratch = scope.manager.newSubManager()) {
                        NDArray h = in.stopGradient();
                        h.attach(scratch);
                        for (int u = p.from; u < p.to; u++) h = frozen.forward(model.units().get(u), h, tape, scope.manager);
                        h.attach(scope.manager);
                        f[i] = h;
                    }
                    tapes.add(tape);
                    f[i].setRequiresGradient(true);
                    NDArray metaIn = in;
                    if (i > 0) {
                        xLeaf[i] = scope.alias(in.stopGradient());
                        xLeaf[i].setRequiresGradient(true);
                        metaIn = xLeaf[i];
                    }
                    NDArray c = Conv2d.conv2d(metaIn, p.conv, null, new Shape(p.stride, p.stride), new Shape(0, 0),
                            new Shape(1, 1), 1).singletonOrThrow();
                    y[i] = ResNetClassifier.batchStatistics(f[i], p.gamma, p.beta).add(c);
                    in = y[i];
                }
                NDArray yLeaf = scope.alias(y[k - 1].stopGradient());
                yLeaf.setRequiresGradient(true);
                NDArray logits = model.head(yLeaf);
                NDArray loss;
                boolean anyLoss;
                if (labels != null) {
                    float[] onehot = new float[count * classes];
                    for (int i = 0; i < count; i++) onehot[i * classes + labels[i]] = 1f;
                    loss = logits.logSoftmax(1).mul(scope.manager.create(onehot, new Shape(count, classes))).sum().neg()
                            .div(count);
                    anyLoss = true;
                    reportedLoss = loss.getFloat();
                } else {
                    NDArray ent = StepScope.entropy(logits);
                    NDArray confident = ent.lt(config.entropyMargin() * Math.log(classes)).toType(DataType.FLOAT32, false);
                    float selected = confident.sum().getFloat();
                    loss = ent.mul(confident).sum().div(Math.max(1f, selected));
                    anyLoss = selected > 0;
                    reportedLoss = ent.mean().getFloat();
                }
                held = scope.heldBytes();
                logitValues = logits.toFloatArray();
                if (update) {
                    NDArray g;
                    if (anyLoss) {
                        gc.backward(loss);
                        g = yLeaf.getGradient();
                    } else {
                        g = scope.manager.zeros(y[k - 1].getShape());
                    }
                    for (int i = k - 1; i >= 0; i--) {
                        NDArray total = y[i].mul(g).sum();
                        if (config.distillWeight() > 0) {
                            NDArray target = f[i].stopGradient();
                            total = total.add(y[i].sub(target).abs().mean().mul(config.distillWeight()));
                        }
                        gc.backward(total);
                        if (i > 0) {
                            NDArray viaMeta = xLeaf[i].getGradient();
                            NDArray viaFrozen = frozen.inputGradient(tapes.get(i), f[i].getGradient(), gc);
                            g = viaMeta.add(viaFrozen);
                        }
                    }
                }
            }
            if (update) adam.step();
            int[] pred = SourceTrainer.argmax(logitValues, classes);
            long paramBytes = 4 * trainableParameterCount();
            return new Step(pred, reportedLoss, StepScope.maxShare(pred, classes),
                    new AdaptationMemory(paramBytes, paramBytes, adam.stateBytes(), held), false);
        }
    }

    @Override
    public void reset() {
        restore(source);
        adam.reset();
    }

    /** The state the warm-up ended in (what {@link #reset()} returns to). */
    public AdapterState sourceState() {
        return source;
    }

    /** Makes {@code state} the source state (a warm-up loaded from a cache), and continues from it. */
    public void useSourceState(AdapterState state) {
        restore(state);
        adam.reset();
        this.source = state();
    }

    @Override
    public AdapterState state() {
        AdapterState s = new AdapterState();
        for (int i = 0; i < parts.size(); i++) {
            s.putArray("meta." + i + ".conv", parts.get(i).conv.toFloatArray());
            s.putArray("meta." + i + ".gamma", parts.get(i).gamma.toFloatArray());
            s.putArray("meta." + i + ".beta", parts.get(i).beta.toFloatArray());
        }
        adam.save(s);
        return s;
    }

    @Override
    public void restore(AdapterState s) {
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).conv.set(FloatBuffer.wrap(s.array("meta." + i + ".conv")));
            parts.get(i).gamma.set(FloatBuffer.wrap(s.array("meta." + i + ".gamma")));
            parts.get(i).beta.set(FloatBuffer.wrap(s.array("meta." + i + ".beta")));
        }
        adam.load(s);
    }

    /** Meta parameters flattened, for tests. */
    public float[] metaParameters() {
        return adam.parameterValues();
    }

    @Override
    public long trainableParameterCount() {
        return adam.parameterCount();
    }

    public List<Unit> units() {
        return model.units();
    }

    @Override
    public void close() {
        manager.close();
    }
}

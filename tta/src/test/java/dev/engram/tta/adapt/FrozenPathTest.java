package dev.engram.tta.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.tta.SeededRandom;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.model.ResNetClassifier;
import java.util.ArrayList;
import java.util.List;

class FrozenPathTest {
    private static float[] noise(int n, long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) r.nextGaussian();
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(ResNetClassifier.Layout.class)
    void handWrittenInputGradientEqualsAutogradOnEveryUnit(ResNetClassifier.Layout layout) {
        TorchRuntime.start(1);
        try (NDManager m = NDManager.newBaseManager(); ResNetClassifier model = ResNetClassifier.initialise(
                new ResNetClassifier.Spec(4, 8, 8, 10, layout), m, 3)) {
            // Non-trivial running statistics and gains, so scales differ from 1.
            for (String layer : model.normLayers()) {
                model.param(layer + ".gamma").set(java.nio.FloatBuffer.wrap(noise(Math.toIntExact(model.param(layer + ".gamma").size()), layer.hashCode())));
                model.param(layer + ".var").addi(0.5);
            }
            FrozenPath frozen = new FrozenPath(model, false);
            long c = 1;
            long size = 28;
            for (ResNetClassifier.Unit u : model.units()) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.create(noise((int) (2 * u.in() * size * size), 7), new Shape(2, u.in(), size, size));
                    List<FrozenPath.UnitTape> tape = new ArrayList<>();
                    NDArray out = frozen.forward(u, x, tape, s);
                    NDArray g = s.create(noise(Math.toIntExact(out.size()), 9), out.getShape());
                    NDArray manual;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        manual = frozen.inputGradient(tape, g, gc);
                    }

                    NDArray leaf = x.duplicate();
                    leaf.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = model.forwardUnit(u, leaf, ResNetClassifier.SOURCE);
                        assertThat(y.toFloatArray()).containsExactly(out.toFloatArray());
                        gc.backward(y.mul(g).sum());
                    }
                    float[] expected = leaf.getGradient().toFloatArray();
                    float[] actual = manual.toFloatArray();
                    assertThat(actual).hasSameSizeAs(expected);
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(actual[i]).as(u.name() + "[" + i + "]").isCloseTo(expected[i],
                                org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(expected[i])));
                    }
                    size = out.getShape().get(2);
                }
            }
        }
    }
}

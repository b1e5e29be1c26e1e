package dev.engram.vos.features.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers-model loader on ONNX Runtime against TF.js's own outputs for the same quantized model
 * and input: a small model made to cover asymmetric ZeroPadding2D, strided 'same' convolutions
 * (TF pads the extra row and column at the end), depthwise kernels with a multiplier, BatchNorm
 * with its own epsilon, ReLU6, Add and Concatenate.
 */
class LayersModelOnnxTest {
    static final Path RESOURCES = Path.of("src/test/resources/layers");

    @TempDir
    Path tmp;

    @Test
    void matchesTfjsOnEveryOutputOfTheTestModel() throws Exception {
        LayersModel model = LayersModel.read(RESOURCES.resolve("test-model"));
        TfjsReference ref = TfjsReference.read(RESOURCES.resolve("test-model-23x17.json"));
        try (OnnxNetwork net = OnnxNetwork.load(LayersModelOnnx.convert(model), 1)) {
            Map<String, OnnxNetwork.FeatureMap> out = net.run(ref.inputChw(), 3, ref.height(), ref.width());
            assertThat(out.keySet()).containsExactly("concat", "add", "wide");
            for (String name : out.keySet()) assertMatches(out.get(name), ref, name);
        }
    }

    /** Buffers are kept per input shape from run to run: nothing of one run may show in the next. */
    @Test
    void runsOfOneSessionEqualRunsOfFreshSessions() throws Exception {
        byte[] onnx = LayersModelOnnx.convert(LayersModel.read(RESOURCES.resolve("test-model")));
        float[][] images = {image(23, 17, 1), image(23, 17, 2), image(31, 9, 3), image(23, 17, 1)};
        int[][] sizes = {{23, 17}, {23, 17}, {31, 9}, {23, 17}};
        try (OnnxNetwork kept = OnnxNetwork.load(onnx, 1)) {
            for (int i = 0; i < images.length; i++) {
                Map<String, OnnxNetwork.FeatureMap> again = kept.run(images[i], 3, sizes[i][1], sizes[i][0]);
                try (OnnxNetwork fresh = OnnxNetwork.load(onnx, 1)) {
                    Map<String, OnnxNetwork.FeatureMap> expected = fresh.run(images[i], 3, sizes[i][1], sizes[i][0]);
                    for (String name : expected.keySet()) {
                        assertThat(again.get(name).values()).as("run %d, %s", i, name).isEqualTo(expected.get(name).values());
                        assertThat(again.get(name).width()).isEqualTo(expected.get(name).width());
                    }
                }
            }
        }
    }

    private static float[] image(int w, int h, int seed) {
        float[] v = new float[3 * w * h];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
        return v;
    }

    static void assertMatches(OnnxNetwork.FeatureMap actual, TfjsReference ref, String name) {
        int[] shape = ref.shape(name);
        assertThat(new int[] {actual.channels(), actual.height(), actual.width()}).as(name + " shape").containsExactly(shape);
        float[] expected = ref.outputChw(name);
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        assertThat(scale).as(name + " is not all zero").isGreaterThan(0.1);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual.values()[i]).as(name + "[" + i + "]").isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-4 * scale + 1e-5));
        }
    }

    @Test
    void dequantizesUint8AsMinPlusScaleTimesByte() {
        float[] v = LayersModel.dequantize(ByteBuffer.wrap(new byte[] {0, 1, (byte) 255}), 3, 1, -0.5, 0.25);
        assertThat(v).containsExactly(-0.5f, -0.25f, 63.25f);
    }

    @Test
    void theTestModelsWeightsAreUint8AndDecodeToTheirRange() throws Exception {
        LayersModel model = LayersModel.read(RESOURCES.resolve("test-model"));
        String manifest = Files.readString(RESOURCES.resolve("test-model/model.json"));
        assertThat(manifest).contains("\"dtype\":\"uint8\"");
        LayersModel.Weight variance = model.weight("bn1", "moving_variance");
        assertThat(variance.shape()).containsExactly(8);
        for (float x : variance.values()) assertThat(x).isBetween(0.19f, 1.21f);
    }

    @Test
    void refusesAnUnsupportedLayerNamingIt() throws Exception {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        String json = Files.readString(RESOURCES.resolve("test-model/model.json")).replace("\"class_name\":\"Add\"", "\"class_name\":\"Multiply\"");
        Files.writeString(dir.resolve("model.json"), json);
        Files.copy(RESOURCES.resolve("test-model/weights.bin"), dir.resolve("weights.bin"));
        LayersModel model = LayersModel.read(dir);
        assertThatThrownBy(() -> LayersModelOnnx.convert(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer add (Multiply): unsupported layer class Multiply");
    }

    @Test
    void aTruncatedWeightShardIsRefusedNamingTheWeight() throws Exception {
        Path dir = tmp.resolve("t");
        Files.createDirectories(dir);
        Files.copy(RESOURCES.resolve("test-model/model.json"), dir.resolve("model.json"));
        byte[] bin = Files.readAllBytes(RESOURCES.resolve("test-model/weights.bin"));
        Files.write(dir.resolve("weights.bin"), java.util.Arrays.copyOf(bin, bin.length - 10));
        assertThatThrownBy(() -> LayersModel.read(dir)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("weight bn2/moving_variance needs 16 bytes");
    }
}

package dev.engram.vos.features.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.vos.features.OnnxBackbone;
import dev.engram.vos.features.PackagedBackbone;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged MobileNetV2 (nsfwjs@4.4.0, truncated after block_10 by vos/fetch-backbone.sh; .ci/run
 * fetches it) on ONNX Runtime against TF.js's outputs for the same converted model and input.
 */
class PackagedBackboneTest {
    @BeforeAll
    static void present() {
        assumeTrue(PackagedBackbone.present(), "packaged backbone not at " + PackagedBackbone.location() + " (run vos/fetch-backbone.sh)");
    }

    @Test
    void stride8And16MapsMatchTfjs() throws Exception {
        TfjsReference ref = TfjsReference.read(LayersModelOnnxTest.RESOURCES.resolve("mobilenet-block_10-96x64.json"));
        try (OnnxNetwork net = OnnxNetwork.load(LayersModelOnnx.convert(LayersModel.read(PackagedBackbone.location())), 1)) {
            Map<String, OnnxNetwork.FeatureMap> out = net.run(ref.inputChw(), 3, ref.height(), ref.width());
            assertThat(out.keySet()).containsExactly("block_5_add", "block_10_project_BN");
            assertThat(out.get("block_5_add").channels()).isEqualTo(32);
            assertThat(out.get("block_10_project_BN").channels()).isEqualTo(96);
            for (String name : out.keySet()) LayersModelOnnxTest.assertMatches(out.get(name), ref, name);
        }
    }

    @Test
    void featuresAreIdenticalForTheSameImageAcrossSessions() {
        int w = 80, h = 48;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) ((i * 37 + (i / 240) * 11) & 0xFF);
        float[][] a, b, c;
        try (OnnxBackbone first = OnnxBackbone.open(PackagedBackbone.location(), 16, 42, 0)) {
            a = first.features(rgb, w, h, 40, 24);
            b = first.features(rgb, w, h, 40, 24);
        }
        try (OnnxBackbone reopened = OnnxBackbone.open(PackagedBackbone.location(), 16, 42, 0)) {
            c = reopened.features(rgb, w, h, 40, 24);
        }
        assertThat(a).hasNumberOfRows(24).isDeepEqualTo(b).isDeepEqualTo(c);
        assertThat(a[0]).hasSize(40 * 16);
        double spread = 0;
        for (float[] row : a) for (float v : row) spread += Math.abs(v - a[0][0]);
        assertThat(spread).as("features vary over the image").isGreaterThan(1);
    }
}

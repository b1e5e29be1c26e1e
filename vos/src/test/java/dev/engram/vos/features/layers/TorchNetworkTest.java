package dev.engram.vos.features.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.vos.features.PackagedBackbone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers model on DJL's PyTorch engine against TF.js's own outputs, on the small model that covers
 * asymmetric padding, strided 'same' convolutions, depthwise multipliers, BatchNorm epsilon, ReLU6,
 * Add and Concatenate, and on the packaged MobileNetV2 when it is present.
 */
class TorchNetworkTest {
    @TempDir
    Path tmp;

    @Test
    void matchesTfjsOnEveryOutputOfTheTestModel() throws Exception {
        LayersModel model = LayersModel.read(LayersModelOnnxTest.RESOURCES.resolve("test-model"));
        TfjsReference ref = TfjsReference.read(LayersModelOnnxTest.RESOURCES.resolve("test-model-23x17.json"));
        try (TorchNetwork net = TorchNetwork.load(model, 1)) {
            Map<String, OnnxNetwork.FeatureMap> out = net.run(ref.inputChw(), 3, ref.height(), ref.width());
            assertThat(out.keySet()).containsExactlyInAnyOrder("concat", "add", "wide");
            for (String name : out.keySet()) LayersModelOnnxTest.assertMatches(out.get(name), ref, name);
        }
    }

    @Test
    void packagedBackboneMatchesTfjs() throws Exception {
        assumeTrue(PackagedBackbone.present(), "packaged backbone not at " + PackagedBackbone.location() + " (run vos/fetch-backbone.sh)");
        TfjsReference ref = TfjsReference.read(LayersModelOnnxTest.RESOURCES.resolve("mobilenet-block_10-96x64.json"));
        try (TorchNetwork net = TorchNetwork.load(LayersModel.read(PackagedBackbone.location()), 1)) {
            Map<String, OnnxNetwork.FeatureMap> out = net.run(ref.inputChw(), 3, ref.height(), ref.width());
            for (String name : out.keySet()) LayersModelOnnxTest.assertMatches(out.get(name), ref, name);
        }
    }

    @Test
    void refusesAnUnsupportedLayerNamingIt() throws Exception {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        Path resources = LayersModelOnnxTest.RESOURCES;
        String json = Files.readString(resources.resolve("test-model/model.json")).replace("\"class_name\":\"Add\"", "\"class_name\":\"Multiply\"");
        Files.writeString(dir.resolve("model.json"), json);
        Files.copy(resources.resolve("test-model/weights.bin"), dir.resolve("weights.bin"));
        LayersModel model = LayersModel.read(dir);
        assertThatThrownBy(() -> TorchNetwork.load(model, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer add (Multiply): unsupported layer class Multiply");
    }
}

package dev.engram.tta.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.tta.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class ResNetClassifierTest {
    @Test
    void earlyLayoutHalvesAfterTheStemAndEndsAtSevenBySeven() {
        TorchRuntime.start(1);
        ResNetClassifier.Spec spec = new ResNetClassifier.Spec(4, 8, 16, 10, ResNetClassifier.Layout.EARLY);
        try (NDManager m = NDManager.newBaseManager(); ResNetClassifier model = ResNetClassifier.initialise(spec, m, 1)) {
            NDArray x = m.zeros(new Shape(2, 1, 28, 28));
            assertThat(model.forwardUnits(x, 0, 1, ResNetClassifier.SOURCE).getShape()).isEqualTo(new Shape(2, 4, 28, 28));
            assertThat(model.forwardUnits(x, 0, 3, ResNetClassifier.SOURCE).getShape()).isEqualTo(new Shape(2, 4, 14, 14));
            assertThat(model.forwardUnits(x, 0, 5, ResNetClassifier.SOURCE).getShape()).isEqualTo(new Shape(2, 16, 7, 7));
            // block1a (stride 2) and block3 (width change) gain projections besides block2's.
            assertThat(model.units().stream().filter(ResNetClassifier.Unit::projection).count()).isEqualTo(3);
        }
    }

    @Test
    void writeThenReadKeepsTheLayoutAndEveryWeight() throws Exception {
        TorchRuntime.start(1);
        ResNetClassifier.Spec spec = new ResNetClassifier.Spec(4, 8, 16, 10, ResNetClassifier.Layout.EARLY);
        try (NDManager m = NDManager.newBaseManager(); ResNetClassifier model = ResNetClassifier.initialise(spec, m, 7)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.write(new DataOutputStream(bytes));
            try (ResNetClassifier read = ResNetClassifier.read(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m)) {
                assertThat(read.spec()).isEqualTo(spec);
                assertThat(read.fingerprint()).isEqualTo(model.fingerprint());
            }
        }
    }
}

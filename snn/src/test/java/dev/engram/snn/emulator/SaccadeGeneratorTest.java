package dev.engram.snn.emulator;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.events.EventBatch;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SaccadeGeneratorTest {

    static Path mnist() {
        return SharedData.mnist();
    }

    @Test
    void readsSharedMnistIdx() throws IOException {
        Path dir = mnist();
        MnistIdx.Images images = MnistIdx.readImages(dir.resolve("train-images-idx3-ubyte"));
        int[] labels = MnistIdx.readLabels(dir.resolve("train-labels-idx1-ubyte"));
        assertThat(images.count()).isEqualTo(8000).isEqualTo(labels.length);
        assertThat(images.rows()).isEqualTo(28);
        assertThat(images.cols()).isEqualTo(28);
        assertThat(java.util.Arrays.stream(labels).allMatch(l -> l >= 0 && l <= 9)).isTrue();
        assertThat(MnistIdx.readImages(dir.resolve("test-images-idx3-ubyte")).count()).isEqualTo(2000);
    }

    @Test
    void refusesLabelFileAsImages() {
        Path dir = mnist();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MnistIdx.readImages(dir.resolve("train-labels-idx1-ubyte")))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void digitBecomesThreeSaccadeRecordingOnThe34PixelSensor() throws IOException {
        MnistIdx.Images images = MnistIdx.readImages(mnist().resolve("train-images-idx3-ubyte"));
        SaccadeGenerator g = new SaccadeGenerator(EmulatorOptions.defaults());
        EventBatch b = g.generate(images.image(0), 28, 28, 0);
        assertThat(b.size()).isGreaterThan(500);
        long[] t = b.tUs();
        int on = 0;
        int[] perSaccade = new int[3];
        for (int i = 0; i < b.size(); i++) {
            assertThat(b.x()[i]).isBetween(0, 33);
            assertThat(b.y()[i]).isBetween(0, 33);
            if (i > 0) assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
            on += b.polarity()[i];
            perSaccade[(int) Math.min(2, t[i] / 100_000)]++;
        }
        assertThat(t[b.size() - 1]).isLessThanOrEqualTo(300_000);
        assertThat(on).isBetween(b.size() / 5, b.size() * 4 / 5);
        assertThat(java.util.Arrays.stream(perSaccade).min().getAsInt()).isGreaterThan(100);
        EventBatch again = g.generate(images.image(0), 28, 28, 0);
        assertThat(java.util.Arrays.copyOf(again.tUs(), again.size())).isEqualTo(java.util.Arrays.copyOf(t, b.size()));
    }
}

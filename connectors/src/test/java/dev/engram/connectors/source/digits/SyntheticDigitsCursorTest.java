package dev.engram.connectors.source.digits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.tta.data.DigitCamera;
import dev.engram.tta.data.DigitRenderer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDigitsCursorTest {
    private static final String STROKES = DigitRenderer.strokeGlyphs().fingerprint();

    private static StreamSplit split(String faces, long limit) throws Exception {
        List<StreamSplit> splits = DigitDiscovery.synthetic(2, faces, 3, 8, 16, limit, 0, 5).discover(Set.of());
        assertThat(splits).extracting(StreamSplit::streamId).containsExactly("digits-0", "digits-1");
        return splits.get(1);
    }

    @Test
    void batchesAreTheCamerasShotsInOrderWithLabelsAndTheWeatherOfTheirFirstShot() throws Exception {
        StreamSplit s = split(STROKES, 10);
        SyntheticDigitsCursor cursor = new SyntheticDigitsCursor(s);
        DigitCamera camera = new DigitCamera(DigitRenderer.strokeGlyphs(), 6, 3, 16);
        for (long b = 0; b < 4; b++) {
            InputRecord<DigitBatch> r = cursor.next();
            DigitBatch batch = r.value;
            assertThat(batch.index).isEqualTo(b);
            assertThat(batch.count).isEqualTo(8);
            assertThat(batch.condition).isEqualTo(camera.weather(b * 8).id());
            for (int i = 0; i < 8; i++) {
                DigitCamera.Shot shot = camera.shot(b * 8 + i);
                assertThat(batch.labels[i]).isEqualTo(shot.label());
                assertThat(java.util.Arrays.copyOfRange(batch.pixels, i * 784, (i + 1) * 784)).containsExactly(shot.pixels());
            }
        }
        assertThat(cursor.position()).isEqualTo(4);
        // A cursor restored at a position continues with the same batch.
        SyntheticDigitsCursor restored = new SyntheticDigitsCursor(s.at(3));
        assertThat(restored.next().value.pixels).containsExactly(new SyntheticDigitsCursor(s.at(3)).next().value.pixels);
    }

    @Test
    void aMachineThatRendersOtherFacesEndsTheStreamWithOneDeadLetter() throws Exception {
        SyntheticDigitsCursor cursor = new SyntheticDigitsCursor(split("fonts-0123456789abcdef", -1));
        InputRecord<DigitBatch> r = cursor.next();
        assertThat(r.value).isNull();
        assertThat(r.deadLetter.reason).contains("model was trained on fonts-0123456789abcdef");
        assertThat(r.deadLetter.stage).isEqualTo("source");
        assertThat(cursor.next()).isNull();
    }

    @Test
    void endlessCamerasAreUnboundedAndLimitedOnesBounded() {
        assertThat(DigitDiscovery.synthetic(1, STROKES, 3, 8, 16, -1, 0, 5).bounded()).isFalse();
        assertThat(DigitDiscovery.synthetic(1, STROKES, 3, 8, 16, 5, 0, 5).bounded()).isTrue();
    }
}

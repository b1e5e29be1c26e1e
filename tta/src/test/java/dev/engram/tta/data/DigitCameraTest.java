package dev.engram.tta.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigitCameraTest {
    private final DigitCamera camera = new DigitCamera(DigitRenderer.strokeGlyphs(), 4, 3, 10);

    @Test
    void weatherDriftsFromClearThroughFogSnowAndNoiseThenEveryOtherCorruptionAndRepeats() {
        List<String> spells = new ArrayList<>();
        for (long i = 0; i < 10L * DigitCamera.SPELLS.size(); i += 10) spells.add(camera.weather(i).id());
        assertThat(spells.subList(0, 4)).containsExactly("clean", "fog@3", "snow@3", "gaussian_noise@3");
        assertThat(spells).hasSize(16).doesNotHaveDuplicates();
        assertThat(camera.weather(9).id()).isEqualTo("clean");
        assertThat(camera.weather(10L * DigitCamera.SPELLS.size()).id()).isEqualTo("clean");
    }

    @Test
    void aShotIsAPureFunctionOfItsIndexAndCorruptedByItsWeather() {
        DigitCamera again = new DigitCamera(DigitRenderer.strokeGlyphs(), 4, 3, 10);
        for (long i : new long[] {0, 5, 13, 77}) {
            DigitCamera.Shot a = camera.shot(i), b = again.shot(i);
            assertThat(a.pixels()).containsExactly(b.pixels());
            assertThat(a.label()).isEqualTo(b.label()).isBetween(0, 9);
            assertThat(a.weather()).isEqualTo(camera.weather(i));
            for (float v : a.pixels()) assertThat(v).isBetween(0f, 1f);
        }
        // a foggy shot differs from the same digit and pose in clear weather
        DigitCamera.Shot fog = camera.shot(12);
        assertThat(fog.weather().corruption()).isEqualTo(Corruption.FOG);
    }

    @Test
    void digitsMoveAcrossTheViewFromShotToShot() {
        double[] cx = new double[40];
        for (int i = 0; i < cx.length; i++) {
            float[] px = camera.shot(i).pixels();
            double sum = 0, mass = 0;
            for (int p = 0; p < px.length; p++) {
                sum += (p % 28) * px[p];
                mass += px[p];
            }
            cx[i] = sum / mass;
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double c : cx) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        assertThat(max - min).isGreaterThan(2);
    }
}

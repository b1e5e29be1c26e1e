package dev.engram.tta.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorruptionTest {
    private static float[] digit() {
        float[] img = new float[28 * 28];
        for (int y = 6; y < 22; y++) for (int x = 11; x < 17; x++) img[y * 28 + x] = 1f;
        for (int x = 8; x < 20; x++) img[6 * 28 + x] = 0.8f;
        return img;
    }

    private static double meanAbsDiff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s / a.length;
    }

    @Test
    void fifteenCorruptionsInTheCifar10COrder() {
        assertThat(Corruption.values()).hasSize(15);
        assertThat(Corruption.values()[0].id()).isEqualTo("gaussian_noise");
        assertThat(Corruption.values()[14].id()).isEqualTo("jpeg_compression");
    }

    @Test
    void sameSeedGivesSameImageAndOtherSeedAnother() {
        float[] img = digit();
        for (Corruption c : Corruption.values()) {
            float[] a = c.apply(img, 28, 28, 3, 7L, 5);
            float[] b = c.apply(img, 28, 28, 3, 7L, 5);
            assertThat(a).as(c.id()).containsExactly(b);
            assertThat(meanAbsDiff(a, img)).as(c.id()).isGreaterThan(0);
        }
        boolean anyDiffers = false;
        for (Corruption c : new Corruption[] {Corruption.GAUSSIAN_NOISE, Corruption.SNOW, Corruption.ELASTIC_TRANSFORM}) {
            anyDiffers |= !java.util.Arrays.equals(c.apply(img, 28, 28, 3, 7L, 5), c.apply(img, 28, 28, 3, 8L, 5));
        }
        assertThat(anyDiffers).isTrue();
    }

    @Test
    void outputStaysInUnitRange() {
        float[] img = digit();
        for (Corruption c : Corruption.values()) {
            for (int s = 1; s <= 5; s++) {
                for (float v : c.apply(img, 28, 28, s, 1L, 0)) assertThat(v).as(c.id()).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void gaussianNoiseStdGrowsWithSeverity() {
        float[] grey = new float[28 * 28];
        java.util.Arrays.fill(grey, 0.5f);
        double previous = 0;
        for (int s = 1; s <= 5; s++) {
            float[] out = Corruption.GAUSSIAN_NOISE.apply(grey, 28, 28, s, 3L, 0);
            double var = 0;
            for (float v : out) var += (v - 0.5) * (v - 0.5);
            double std = Math.sqrt(var / out.length);
            assertThat(std).as("severity " + s).isGreaterThan(previous);
            previous = std;
        }
    }

    @Test
    void damageGrowsWithSeverityForEveryCorruption() {
        float[] img = digit();
        for (Corruption c : Corruption.values()) {
            double d1 = 0;
            double d5 = 0;
            for (int i = 0; i < 8; i++) {
                d1 += meanAbsDiff(c.apply(img, 28, 28, 1, 11L, i), img);
                d5 += meanAbsDiff(c.apply(img, 28, 28, 5, 11L, i), img);
            }
            assertThat(d5).as(c.id()).isGreaterThan(d1);
        }
    }
}

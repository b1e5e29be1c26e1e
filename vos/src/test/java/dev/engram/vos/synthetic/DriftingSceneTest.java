package dev.engram.vos.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import org.junit.jupiter.api.Test;

class DriftingSceneTest {
    private final DriftingScene scene = new DriftingScene(42, 160, 90, 0);

    @Test
    void framesAreAPureFunctionOfTheIndexAndOnlyTheStartIsAnnotated() {
        DriftingScene again = new DriftingScene(42, 160, 90, 0);
        assertThat(scene.frame(1234).rgb).isEqualTo(again.frame(1234).rgb);
        assertThat(scene.frame(0).annotation).isNotNull();
        assertThat(scene.frame(0).annotation.ids).isEqualTo(scene.groundTruth(0).ids);
        assertThat(scene.frame(1).annotation).isNull();
        DriftingScene late = new DriftingScene(42, 160, 90, 9000);
        assertThat(late.frame(9000).annotation.ids).isEqualTo(scene.groundTruth(9000).ids);
        assertThat(late.frame(9000).rgb).isEqualTo(scene.frame(9000).rgb);
        assertThatThrownBy(() -> late.frame(8999)).hasMessageContaining("precedes");
    }

    @Test
    void theObjectGrowsLeavesAndReEnters() {
        int early = scene.groundTruth(200).count(1), lateCount = scene.groundTruth(9500).count(1);
        assertThat(early).isPositive();
        assertThat(lateCount).isGreaterThan(2 * early);
        long away = DriftingScene.EXIT_PERIOD * 2 - DriftingScene.EXIT_FRAMES / 2;
        assertThat(scene.groundTruth(away).count(1)).as("away at frame %d", away).isZero();
        assertThat(scene.groundTruth(DriftingScene.EXIT_PERIOD * 2 + 40).count(1)).as("back").isPositive();
    }

    @Test
    void anOccluderHidesPartOfTheObjectInTheTruth() {
        // During a sweep some frame must lose object pixels to a bar: compare with the frames around it.
        boolean hidden = false;
        for (long t = DriftingScene.OCCLUDER_PERIOD * 3; t < DriftingScene.OCCLUDER_PERIOD * 3 + 120 && !hidden; t++) {
            Frame f = scene.frame(t);
            Mask m = scene.groundTruth(t);
            int[] box = bbox(m);
            if (box == null) continue;
            for (int x = box[0]; x <= box[2] && !hidden; x++) {
                int inside = 0;
                for (int y = box[1]; y <= box[3]; y++) if (m.ids[y * 160 + x] != 0) inside++;
                hidden = inside == 0 && x > box[0] && x < box[2];
            }
            assertThat(f.rgb).hasSize(160 * 90 * 3);
        }
        assertThat(hidden).as("a bar splits the object in some frame of a sweep").isTrue();
    }

    @Test
    void theViewNeverReturnsToHowItLookedAtTheStart() {
        double[] first = meanColour(scene.frame(0));
        for (long t = 2_000; t < DriftingScene.SPAN; t += 2_000) {
            double[] now = meanColour(scene.frame(t));
            double d = Math.abs(now[0] - first[0]) + Math.abs(now[1] - first[1]) + Math.abs(now[2] - first[2]);
            assertThat(d).as("mean colour distance at frame %d", t).isGreaterThan(20);
        }
    }

    private static double[] meanColour(Frame f) {
        double[] m = new double[3];
        for (int i = 0; i < f.rgb.length; i++) m[i % 3] += f.rgb[i] & 0xFF;
        for (int c = 0; c < 3; c++) m[c] /= f.rgb.length / 3.0;
        return m;
    }

    private static int[] bbox(Mask m) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < m.height; y++) {
            for (int x = 0; x < m.width; x++) {
                if (m.ids[y * m.width + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }
}

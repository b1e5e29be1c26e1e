package dev.engram.vos.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCameraTest {
    private static final SyntheticCamera CAMERA = new SyntheticCamera(7, 160, 120, 6);

    @Test
    void sameSeedAndIndexGiveIdenticalFrames() {
        SyntheticCamera other = new SyntheticCamera(7, 160, 120, 6);
        Frame late = CAMERA.frame(123);
        CAMERA.frame(5);
        assertThat(other.frame(123).rgb).isEqualTo(late.rgb);
        assertThat(other.groundTruth(123)).isEqualTo(CAMERA.groundTruth(123));
        assertThat(CAMERA.frame(123).rgb).isEqualTo(late.rgb);
    }

    @Test
    void differentSeedsGiveDifferentFrames() {
        SyntheticCamera other = new SyntheticCamera(8, 160, 120, 6);
        assertThat(other.frame(0).rgb).isNotEqualTo(CAMERA.frame(0).rgb);
    }

    @Test
    void consecutiveFramesDifferButOnlyModerately() {
        byte[] a = CAMERA.frame(10).rgb, b = CAMERA.frame(11).rgb;
        long diff = 0;
        for (int i = 0; i < a.length; i++) diff += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        double mean = (double) diff / a.length;
        assertThat(mean).isGreaterThan(0.5).isLessThan(40);
    }

    @Test
    void frameZeroCarriesGroundTruthAsAnnotation() {
        Frame f = CAMERA.frame(0);
        assertThat(f.annotation).isEqualTo(CAMERA.groundTruth(0));
        assertThat(f.annotation.objectIds()).isNotEmpty();
        assertThat(CAMERA.frame(1).annotation).isNull();
        assertThat(CAMERA.frame(3).timestampMs).isEqualTo(3 * SyntheticCamera.DEFAULT_PERIOD_MS);
        assertThat(f.width).isEqualTo(160);
    }

    @Test
    void maskedPixelsShowTheirObjectsTextureAndBackgroundElsewhere() {
        for (long t : new long[] {0, 37, 250}) {
            byte[] ids = new byte[160 * 120];
            byte[] rgb = new byte[160 * 120 * 3];
            CAMERA.drawScene(t, rgb, ids);
            assertThat(new Mask(160, 120, ids)).isEqualTo(CAMERA.groundTruth(t));
            byte[] bg = CAMERA.backgroundView(t);
            Set<Integer>[] colours = spriteColours(CAMERA);
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i] & 0xFF;
                int c = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
                if (id == 0) {
                    assertThat(new byte[] {rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]})
                            .containsExactly(bg[3 * i], bg[3 * i + 1], bg[3 * i + 2]);
                } else {
                    assertThat(colours[id]).as("frame %d pixel %d object %d", t, i, id).contains(c);
                }
            }
        }
    }

    @Test
    void nearerObjectHidesFartherOneWhereTheyOverlap() {
        int overlaps = 0;
        for (long t = 0; t < 400 && overlaps < 3; t += 7) {
            Mask gt = CAMERA.groundTruth(t);
            for (int a = 1; a <= 6; a++) {
                for (int b = a + 1; b <= 6; b++) {
                    boolean[] ca = CAMERA.coverage(t, a), cb = CAMERA.coverage(t, b);
                    int near = CAMERA.depth(t, a) > CAMERA.depth(t, b) ? a : b;
                    boolean found = false;
                    for (int i = 0; i < ca.length; i++) {
                        if (ca[i] && cb[i]) {
                            found = true;
                            assertThat(gt.ids[i] & 0xFF).as("frame %d pixel %d", t, i).isNotIn(a == near ? b : a);
                        }
                    }
                    if (found) overlaps++;
                }
            }
            // a visible pixel of an object is always inside that object's own coverage
            for (int id = 1; id <= 6; id++) {
                boolean[] c = CAMERA.coverage(t, id);
                for (int i = 0; i < c.length; i++) if ((gt.ids[i] & 0xFF) == id) assertThat(c[i]).isTrue();
            }
        }
        assertThat(overlaps).as("scene should contain overlapping objects").isPositive();
    }

    @Test
    void lateObjectIsAnnotatedOnItsFirstVisibleFrameOnly() {
        SyntheticCamera cam = new SyntheticCamera(11, 160, 120, 3, 1, true, 40);
        long first = cam.annotationFrame(3);
        assertThat(first).isGreaterThan(0);
        assertThat(cam.groundTruth(0).count(3)).isZero();
        assertThat(cam.groundTruth(first - 1).count(3)).isLessThan(cam.minAnnotationPixels());
        Frame f = cam.frame(first);
        assertThat(f.annotation).isNotNull();
        assertThat(f.annotation.objectIds()).containsExactly(3);
        assertThat(f.annotation.count(3)).isEqualTo(cam.groundTruth(first).count(3)).isGreaterThanOrEqualTo(cam.minAnnotationPixels());
        assertThat(cam.frame(first + 1).annotation).isNull();
        assertThat(cam.frame(0).annotation.objectIds()).doesNotContain(3);

        SyntheticCamera quiet = new SyntheticCamera(11, 160, 120, 3, 1, false, 40);
        assertThat(quiet.annotationFrame(3)).isEqualTo(-1);
        assertThat(quiet.frame(first).annotation).isNull();
        assertThat(quiet.groundTruth(first)).isEqualTo(cam.groundTruth(first));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new SyntheticCamera(1, 8, 8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticCamera(1, 64, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CAMERA.frame(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersFastEnough() {
        for (int[] size : new int[][] {{320, 240}, {854, 480}}) {
            SyntheticCamera cam = new SyntheticCamera(3, size[0], size[1], 5);
            for (int i = 0; i < 30; i++) cam.frame(i);
            int n = size[0] == 320 ? 200 : 60;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) cam.frame(1000 + i);
            double fps = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("SyntheticCamera %dx%d: %.0f frames/s (frame incl. lighting, noise and mask)%n", size[0], size[1], fps);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer>[] spriteColours(SyntheticCamera cam) {
        Set<Integer>[] out = new Set[cam.objects() + 1];
        for (int id = 1; id <= cam.objects(); id++) {
            out[id] = new HashSet<>();
            for (int c : cam.object(id).sprite) if (c >= 0) out[id].add(c);
        }
        return out;
    }
}

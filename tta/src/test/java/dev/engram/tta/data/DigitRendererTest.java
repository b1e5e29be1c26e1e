package dev.engram.tta.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.tta.SeededRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DigitRendererTest {
    @Test
    void everyFaceDrawsEveryDigitAsInkOnBlackAndDigitsDiffer() {
        for (DigitRenderer r : new DigitRenderer[] {DigitRenderer.systemFonts(), DigitRenderer.strokeGlyphs()}) {
            for (int face = 0; face < r.faceCount(); face++) {
                float[][] digits = new float[10][];
                for (int d = 0; d < 10; d++) {
                    digits[d] = r.render(d, new DigitRenderer.Pose(face, 0, 0, 1, 0, 0, 1));
                    double ink = 0;
                    for (float v : digits[d]) {
                        assertThat(v).isBetween(0f, 1f);
                        ink += v;
                    }
                    assertThat(ink).as(r.faceNames().get(face) + " digit " + d).isBetween(15.0, 400.0);
                    // corners stay background: the digit is centred in its 20-pixel box
                    assertThat(digits[d][0] + digits[d][27] + digits[d][27 * 28] + digits[d][28 * 28 - 1]).isZero();
                }
                for (int a = 0; a < 10; a++) {
                    for (int b = a + 1; b < 10; b++) {
                        assertThat(distance(digits[a], digits[b])).as(r.faceNames().get(face) + " " + a + " vs " + b).isGreaterThan(3);
                    }
                }
            }
        }
    }

    @Test
    void theSameDigitAndPoseGiveTheSamePixels() {
        DigitRenderer r = DigitRenderer.systemFonts();
        DigitRenderer.Pose pose = r.randomPose(new SeededRandom(5));
        assertThat(r.render(7, pose)).containsExactly(r.render(7, pose));
        assertThat(r.labelled(50, 9).images()).isDeepEqualTo(r.labelled(50, 9).images());
        assertThat(r.labelled(50, 9).labels()).containsExactly(r.labelled(50, 9).labels());
        assertThat(Arrays.equals(r.labelled(50, 9).labels(), r.labelled(50, 10).labels())).isFalse();
    }

    @Test
    void fingerprintsNameTheFacesSoModelsOfOtherFacesAreNotReused() {
        assertThat(DigitRenderer.strokeGlyphs().fingerprint()).startsWith("strokes-")
                .isEqualTo(DigitRenderer.strokeGlyphs().fingerprint());
        DigitRenderer fonts = DigitRenderer.systemFonts();
        if (fonts.usesFonts()) {
            assertThat(fonts.fingerprint()).startsWith("fonts-").isNotEqualTo(DigitRenderer.strokeGlyphs().fingerprint());
            assertThat(fonts.faceCount()).isLessThanOrEqualTo(2 * DigitRenderer.MAX_FAMILIES);
        }
    }

    @Test
    void labelsAreSpreadOverAllTenDigits() {
        int[] counts = new int[10];
        for (int l : DigitRenderer.strokeGlyphs().labelled(1000, 3).labels()) counts[l]++;
        for (int c : counts) assertThat(c).isBetween(60, 140);
    }

    @Test
    void facesWhoseGlyphsAreNotTheDigitsTheyStandForAreLeftOut() {
        java.awt.Shape[] strokes = DigitRenderer.StrokeGlyphs.all();
        java.awt.Shape[] shuffled = new java.awt.Shape[10];
        for (int d = 0; d < 10; d++) shuffled[d] = strokes[(d + 3) % 10]; // a font mapping digit code points to other pictures
        java.util.List<DigitRenderer.Face> candidates = new java.util.ArrayList<>(DigitRenderer.systemFonts().faces());
        candidates.add(new DigitRenderer.Face("pictures", shuffled, false));
        candidates.add(new DigitRenderer.Face("plain strokes", strokes, false));
        java.util.List<String> kept = DigitRenderer.looksLikeDigits(candidates).stream().map(DigitRenderer.Face::name).toList();
        assertThat(kept).doesNotContain("pictures").contains("plain strokes");
        if (DigitRenderer.systemFonts().usesFonts()) assertThat(kept).containsAll(DigitRenderer.systemFonts().faceNames());
    }

    @Test
    void aDigitOutsideZeroToNineIsRefused() {
        assertThatThrownBy(() -> DigitRenderer.strokeGlyphs().render(10, new DigitRenderer.Pose(0, 0, 0, 1, 0, 0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..9");
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s;
    }
}

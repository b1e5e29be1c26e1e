package dev.engram.vos.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureSpaceTest {
    @Test
    void blockScoresEqualExpandedRowScoresExactly() {
        WorkingImage img = WorkingImage.of(new SyntheticCamera(3, 160, 96, 2).frame(5), 428);
        FeatureSpace space = new FeatureSpace(64, 0.2, 42);
        SplittableRandom rnd = new SplittableRandom(9);
        float[] w = new float[space.params()];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        // More pixels than a block, in no particular order, some repeated.
        int count = 700;
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) pixels[i] = rnd.nextInt(img.width * img.height);
        float[] got = new float[count];
        space.scores(img, pixels, count, w, got);
        float[] raw = new float[space.rawDims()], phi = new float[space.params()];
        for (int i = 0; i < count; i++) {
            space.raw(img, pixels[i], raw, 0);
            space.expand(raw, 0, phi);
            float s = 0;
            for (int j = 0; j < w.length; j++) s += w[j] * phi[j];
            assertEquals(s, got[i], 0f, "pixel " + pixels[i]);
        }
    }
}

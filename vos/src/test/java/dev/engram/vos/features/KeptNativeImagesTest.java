package dev.engram.vos.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.Frame;
import dev.engram.vos.flow.DenseFlow;
import dev.engram.vos.synthetic.SyntheticCamera;
import org.junit.jupiter.api.Test;

/** Native images kept from call to call give what fresh ones give: nothing of an earlier frame leaks in. */
class KeptNativeImagesTest {

    @Test
    void featuresInKeptImagesEqualFeaturesInFreshOnes() {
        SyntheticCamera camera = new SyntheticCamera(7, 320, 180, 2);
        Frame first = camera.frame(3), second = camera.frame(9);
        int[] size = WorkingImage.workingSize(320, 180, 200);
        try (FeatureMats kept = new FeatureMats(320, 180, size[0], size[1])) {
            WorkingImage.of(first, 200, null, (r, l) -> new float[r][l], (fw, fh, w, h) -> kept);
            WorkingImage reused = WorkingImage.of(second, 200, null, (r, l) -> new float[r][l], (fw, fh, w, h) -> kept);
            assertThat(reused.copyOfFeatures()).isEqualTo(WorkingImage.of(second, 200).copyOfFeatures());
            assertThat(reused.gray).isEqualTo(WorkingImage.of(second, 200).gray);
        }
    }

    /** DIS takes a flow field of the right size as its initial estimate: the output must not carry over. */
    @Test
    void flowOfAPairDoesNotDependOnThePairBefore() {
        SyntheticCamera camera = new SyntheticCamera(7, 320, 180, 2);
        byte[] a = WorkingImage.of(camera.frame(3), 200).gray, b = WorkingImage.of(camera.frame(4), 200).gray;
        byte[] c = WorkingImage.of(camera.frame(12), 200).gray, d = WorkingImage.of(camera.frame(15), 200).gray;
        int[] size = WorkingImage.workingSize(320, 180, 200);
        try (DenseFlow fresh = new DenseFlow(2); DenseFlow used = new DenseFlow(2)) {
            used.compute(c, d, size[0], size[1]);
            assertThat(used.compute(a, b, size[0], size[1])).isEqualTo(fresh.compute(a, b, size[0], size[1]));
        }
    }
}

package dev.engram.vos.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.synthetic.SyntheticCamera;
import org.junit.jupiter.api.Test;

/** The DIS settings the options name reach OpenCV: -1 is the preset's own value, others change the field. */
class DenseFlowTest {
    private static final SyntheticCamera CAMERA = new SyntheticCamera(7, 320, 180, 2);
    private static final int[] SIZE = WorkingImage.workingSize(320, 180, 200);

    private static float[] field(DenseFlow flow) {
        try (flow) {
            return flow.compute(WorkingImage.of(CAMERA.frame(3), 200).gray, WorkingImage.of(CAMERA.frame(4), 200).gray, SIZE[0], SIZE[1]);
        }
    }

    private static float[] field(int preset, int refinement, int patchStride) {
        return field(new DenseFlow(preset, refinement, patchStride));
    }

    @Test
    void minusOneKeepsMediumsOwnRefinementAndPatchStride() {
        float[] own = field(2, -1, -1);
        assertThat(field(2, 5, -1)).isEqualTo(own);
        assertThat(field(2, -1, 3)).isEqualTo(own);
        assertThat(field(new DenseFlow(2))).isEqualTo(own);
    }

    @Test
    void noRefinementAndCoarserPatchesGiveOtherFields() {
        float[] own = field(2, -1, -1);
        assertThat(field(2, 0, -1)).isNotEqualTo(own);
        assertThat(field(2, -1, 4)).isNotEqualTo(own);
    }
}

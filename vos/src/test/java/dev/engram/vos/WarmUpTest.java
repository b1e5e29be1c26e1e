package dev.engram.vos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.synthetic.SyntheticCamera;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A warm-up on the same resources leaves a real stream's masks as they are without it, and so do
 * other streams' frames of another size on the same resources.
 */
class WarmUpTest {

    @Test
    void masksAfterAWarmUpEqualMasksOnFreshResources() {
        // The warm-up at the stream's size, so the kept native images, feature rows and backbone buffers are
        // the ones the stream reuses.
        SyntheticCamera camera = new SyntheticCamera(11, 854, 480, 2);
        VosOptions options = VosOptions.defaults();
        List<byte[]> fresh, warmed;
        try (SegmenterResources resources = new SegmenterResources()) {
            fresh = masks(camera, options, resources);
        }
        try (SegmenterResources resources = new SegmenterResources()) {
            assertThat(WarmUp.run(options, resources, 3, 854, 480)).isPositive();
            warmed = masks(camera, options, resources);
        }
        assertThat(warmed).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) assertThat(warmed.get(i)).as("frame %d", i).isEqualTo(fresh.get(i));
    }

    /** Cameras of two sizes taking turns on one operator's resources get the masks they get alone. */
    @Test
    void streamsOfTwoSizesTakingTurnsOnSharedResourcesGetTheirOwnMasks() {
        SyntheticCamera big = new SyntheticCamera(11, 854, 480, 2), small = new SyntheticCamera(12, 640, 360, 1);
        VosOptions options = VosOptions.defaults();
        List<byte[]> bigAlone, smallAlone;
        try (SegmenterResources resources = new SegmenterResources()) {
            bigAlone = masks(big, options, resources);
        }
        try (SegmenterResources resources = new SegmenterResources()) {
            smallAlone = masks(small, options, resources);
        }
        OnlineSegmenter a = new OnlineSegmenter(options), b = new OnlineSegmenter(options);
        try (SegmenterResources shared = new SegmenterResources()) {
            for (int i = 0; i < 6; i++) {
                assertThat(a.segment(big.frame(i), shared).ids).as("854x480 frame %d", i).isEqualTo(bigAlone.get(i));
                assertThat(b.segment(small.frame(i), shared).ids).as("640x360 frame %d", i).isEqualTo(smallAlone.get(i));
            }
        }
    }

    @Test
    void zeroFramesDoNothingAndNegativeCountsAreRefused() {
        try (SegmenterResources resources = new SegmenterResources()) {
            assertThat(WarmUp.run(VosOptions.defaults(), resources, 0, 854, 480)).isZero();
        }
        assertThatThrownBy(() -> VosOptions.defaults().withText("vos.warm-up-frames", "-1"))
                .hasMessageContaining("vos.warm-up-frames");
    }

    private static List<byte[]> masks(SyntheticCamera camera, VosOptions options, SegmenterResources resources) {
        OnlineSegmenter learner = new OnlineSegmenter(options);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) out.add(learner.segment(camera.frame(i), resources).ids.clone());
        return out;
    }
}

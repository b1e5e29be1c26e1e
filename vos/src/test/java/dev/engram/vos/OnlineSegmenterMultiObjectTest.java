package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.H;
import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.W;
import static dev.engram.vos.SegmenterStreams.renumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.synthetic.SyntheticCamera;
import org.junit.jupiter.api.Test;

class OnlineSegmenterMultiObjectTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    /** Camera objects 1, 2, 3 become stream objects 3, 7, 9. */
    private static final int[] IDS = new int[256];

    static {
        IDS[1] = 3;
        IDS[2] = 7;
        IDS[3] = 9;
    }

    private static Frame renumbered(SyntheticCamera camera, long index) {
        Frame f = camera.frame(index);
        return f.annotation == null ? f : f.withAnnotation(renumber(f.annotation, IDS));
    }

    @Test
    void annotatedObjectIdsAreKeptAsGiven() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        for (int i = 0; i < 4; i++) {
            Mask out = s.segment(renumbered(TWO_OBJECTS, i), RESOURCES);
            assertThat(out.objectIds()).as("ids of frame %d", i).containsExactly(3, 7);
        }
    }

    @Test
    void objectAnnotatedLaterJoinsTheOutput() {
        // Seed 15: objects 1 and 2 are large at frame 0; object 3 slides in and is annotated at frame 52.
        SyntheticCamera camera = new SyntheticCamera(15, W, H, 3, 1, true, SyntheticCamera.DEFAULT_PERIOD_MS);
        long late = camera.annotationFrame(3);
        assertThat(late).isBetween(1L, 60L);
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        for (long i = 0; i < late; i++) {
            Mask out = s.segment(renumbered(camera, i), RESOURCES);
            assertThat(out.objectIds()).as("ids of frame %d", i).containsExactly(3, 7);
        }
        assertThat(s.stats().objects()).isEqualTo(2);
        for (long i = late; i < late + 4; i++) {
            Mask out = s.segment(renumbered(camera, i), RESOURCES);
            assertThat(out.objectIds()).as("ids of frame %d", i).containsExactly(3, 7, 9);
        }
        assertThat(s.stats().objects()).isEqualTo(3);
    }
}

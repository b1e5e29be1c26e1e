package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.H;
import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.W;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.synthetic.SyntheticCamera;
import org.junit.jupiter.api.Test;

class OnlineSegmenterInputTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final String STREAM = "synthetic-7";

    /** A square of {@code id} at (x0, y0), side {@code side}, on an otherwise empty mask. */
    private static Mask square(int id, int x0, int y0, int side) {
        Mask m = Mask.empty(W, H);
        for (int y = y0; y < y0 + side; y++) for (int x = x0; x < x0 + side; x++) m.ids[y * W + x] = (byte) id;
        return m;
    }

    @Test
    void frameBeforeAnyAnnotationIsRejectedNamingTheFrame() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        Frame f = TWO_OBJECTS.frame(3);
        assertThat(f.annotation).isNull();
        assertThatThrownBy(() -> s.segment(f, RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(STREAM + "#3")
                .hasMessageContaining("no object annotated");
    }

    @Test
    void frameOfAnotherSizeMidStreamIsRejectedNamingBothSizes() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        s.segment(TWO_OBJECTS.frame(0), RESOURCES);
        Frame small = new SyntheticCamera(7, 80, 60, 2).frame(1);
        assertThatThrownBy(() -> s.segment(small, RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(STREAM + "#1")
                .hasMessageContaining("80x60")
                .hasMessageContaining(W + "x" + H);
    }

    @Test
    void rejectedFrameLeavesTheStreamAsItWas() {
        OnlineSegmenter clean = new OnlineSegmenter(SegmenterStreams.builtIn());
        OnlineSegmenter disturbed = new OnlineSegmenter(SegmenterStreams.builtIn());
        clean.segment(TWO_OBJECTS.frame(0), RESOURCES);
        disturbed.segment(TWO_OBJECTS.frame(0), RESOURCES);
        Frame small = new SyntheticCamera(7, 80, 60, 2).frame(1);
        assertThatThrownBy(() -> disturbed.segment(small, RESOURCES)).isInstanceOf(IllegalArgumentException.class);
        assertThat(disturbed.segment(TWO_OBJECTS.frame(1), RESOURCES)).isEqualTo(clean.segment(TWO_OBJECTS.frame(1), RESOURCES));
        assertThat(SegmenterStreams.state(disturbed)).isEqualTo(SegmenterStreams.state(clean));
    }

    @Test
    void budgetBelowTheFixedStateIsRejectedNamingTheOption() {
        // 64 KiB cannot even hold the per-object maps and models of 4 objects at 160x120 (~320 KB).
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn().withText("vos.memory-budget", "64KiB"));
        assertThatThrownBy(() -> s.segment(TWO_OBJECTS.frame(0), RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64KiB")
                .hasMessageContaining(W + "x" + H)
                .hasMessageContaining("vos.memory-budget");
    }

    @Test
    void budgetThatCannotHoldTwoEntriesPerObjectIsRefusedBeforeTheStreamChanges() {
        // 480 KiB at 160x120 with 4 objects covers the fixed state but not two memory entries per
        // object: refuse at the first frame instead of failing at the first update.
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.MEMORY_BUDGET, 480L << 10));
        assertThatThrownBy(() -> s.segment(TWO_OBJECTS.frame(0), RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vos.memory-budget 480KiB")
                .hasMessageContaining("vos.max-objects=4");
        assertThat(s.memoryBytes()).isZero();
        assertThat(s.stats().objects()).isZero();
        OnlineSegmenter roomy = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.MAX_OBJECTS, 2)
                .with(VosOptions.MEMORY_BUDGET, 480L << 10).with(VosOptions.UPDATE_EVERY, 1));
        for (int i = 0; i < 8; i++) roomy.segment(TWO_OBJECTS.frame(i), RESOURCES);
        assertThat(roomy.memoryBytes()).isLessThanOrEqualTo(480L << 10);
    }

    @Test
    void annotationWithoutAnyObjectIsRejected() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        Frame f = TWO_OBJECTS.frame(0);
        f.annotation = Mask.empty(f.width, f.height);
        assertThatThrownBy(() -> s.segment(f, RESOURCES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marks no object");
    }

    @Test
    void annotationWithMoreObjectsThanAllowedIsRejected() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.MAX_OBJECTS, 1));
        assertThatThrownBy(() -> s.segment(TWO_OBJECTS.frame(0), RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(STREAM + "#0")
                .hasMessageContaining("2 objects")
                .hasMessageContaining("vos.max-objects=1");
    }

    @Test
    void lateAnnotationBeyondMaxObjectsIsRejectedAndTheStreamContinues() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.MAX_OBJECTS, 2));
        s.segment(TWO_OBJECTS.frame(0), RESOURCES);
        Frame third = TWO_OBJECTS.frame(1).withAnnotation(square(9, 4, 4, 12));
        assertThatThrownBy(() -> s.segment(third, RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(STREAM + "#1")
                .hasMessageContaining("3 objects")
                .hasMessageContaining("vos.max-objects=2");
        Mask next = s.segment(TWO_OBJECTS.frame(1), RESOURCES);
        assertThat(next.objectIds()).containsExactly(1, 2);
        assertThat(s.stats().objects()).isEqualTo(2);
    }

    @Test
    void frameWithWrongPixelCountIsRejectedOnConstruction() {
        assertThatThrownBy(() -> new Frame("cam", 4, W, H, new byte[W * H]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cam#4")
                .hasMessageContaining("expected " + (W * H * 3) + " RGB bytes")
                .hasMessageContaining("got " + (W * H));
    }

    @Test
    void frameWithWrongPixelCountIsRejectedBySegment() {
        // Flink builds POJO frames through the no-argument constructor, bypassing its check.
        Frame f = new Frame();
        f.streamId = "cam";
        f.index = 0;
        f.width = W;
        f.height = H;
        f.rgb = new byte[W * H * 3 - 1];
        f.annotation = TWO_OBJECTS.groundTruth(0);
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        assertThatThrownBy(() -> s.segment(f, RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cam#0")
                .hasMessageContaining("expected " + (W * H * 3) + " RGB bytes");
    }

    @Test
    void annotationOfAnotherSizeIsRejected() {
        Frame f = TWO_OBJECTS.frame(0).withAnnotation(Mask.empty(W / 2, H / 2));
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        assertThatThrownBy(() -> s.segment(f, RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(STREAM + "#0")
                .hasMessageContaining((W / 2) + "x" + (H / 2))
                .hasMessageContaining(W + "x" + H);
    }
}

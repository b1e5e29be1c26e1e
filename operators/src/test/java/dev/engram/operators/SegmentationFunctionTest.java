package dev.engram.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.Frame;
import dev.engram.vos.VosOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SegmentationFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, InputRecord<LabeledFrame>, SegmentedFrame> harness()
            throws Exception {
        SegmentationFunction fn = new SegmentationFunction(VosOptions.defaults().with(VosOptions.SEED, 7L));
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId,
                Types.STRING);
    }

    private static List<String> fingerprints(List<SegmentedFrame> out) {
        List<String> prints = new ArrayList<>();
        for (SegmentedFrame f : out) {
            prints.add(f.streamId + "#" + f.index + ":" + java.util.Arrays.hashCode(f.mask) + ":" + f.memoryBytes + ":"
                    + f.bankEntries + ":" + f.updates);
        }
        return prints;
    }

    @Test
    void restoredOperatorContinuesExactlyLikeAnUninterruptedOne() throws Exception {
        List<String> uninterrupted;
        try (var h = harness()) {
            h.open();
            for (long i = 0; i < 20; i++) {
                h.processElement(in(TestFrames.frame("a", i)), i);
                h.processElement(in(TestFrames.frame("b", i)), i);
            }
            uninterrupted = fingerprints(h.extractOutputValues());
        }

        OperatorSubtaskState snapshot;
        List<SegmentedFrame> before;
        try (var h = harness()) {
            h.open();
            for (long i = 0; i < 8; i++) {
                h.processElement(in(TestFrames.frame("a", i)), i);
                h.processElement(in(TestFrames.frame("b", i)), i);
            }
            snapshot = h.snapshot(1L, 8L);
            before = h.extractOutputValues();
        }
        List<SegmentedFrame> after;
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (long i = 8; i < 20; i++) {
                h.processElement(in(TestFrames.frame("a", i)), i);
                h.processElement(in(TestFrames.frame("b", i)), i);
            }
            after = h.extractOutputValues();
        }
        List<SegmentedFrame> resumed = new ArrayList<>(before);
        resumed.addAll(after);
        assertThat(fingerprints(resumed)).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void badFrameGoesToDeadLettersWhileOtherStreamContinues() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(in(TestFrames.frame("good", 0)), 0);
            h.processElement(in(TestFrames.frame("bad", 0)), 0);
            LabeledFrame wrongSize = TestFrames.frame("bad", 1);
            wrongSize.frame = new Frame("bad", 1, 16, 16, new byte[16 * 16 * 3]).withOrigin("cam/bad/00001.jpg");
            h.processElement(in(wrongSize), 1);
            h.processElement(in(TestFrames.frame("good", 1)), 1);
            h.processElement(in(TestFrames.frame("bad", 2)), 2);

            assertThat(h.extractOutputValues()).extracting(f -> f.streamId + "#" + f.index)
                    .containsExactly("good#0", "bad#0", "good#1", "bad#2");
            List<DeadLetter> letters = h.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).origin).isEqualTo("cam/bad/00001.jpg");
            assertThat(letters.get(0).reason).contains("16x16").contains("32x24");
        }
    }

    @Test
    void frameBeforeAnyAnnotationIsDeadLettered() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(in(TestFrames.frame("late", 3)), 3);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason).contains("no object annotated yet"));
        }
    }

    @Test
    void pixelDataThatDisagreesWithTheSizeIsDeadLettered() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(in(TestFrames.frame("s", 0)), 0);
            LabeledFrame truncated = TestFrames.frame("s", 1);
            truncated.frame.rgb = new byte[10];
            h.processElement(in(truncated), 1);
            h.processElement(in(TestFrames.frame("s", 2)), 2);
            assertThat(h.extractOutputValues()).extracting(f -> f.index).containsExactly(0L, 2L);
            assertThat(h.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason).contains("RGB bytes"));
        }
    }

    @Test
    void resultCarriesGroundTruthAndLearnerFigures() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(in(TestFrames.frame("s", 0)), 0);
            SegmentedFrame r = h.extractOutputValues().get(0);
            assertThat(r.width).isEqualTo(TestFrames.W);
            assertThat(r.mask).hasSize(TestFrames.W * TestFrames.H);
            assertThat(r.groundTruth).isEqualTo(TestFrames.frame("s", 0).groundTruth.ids);
            assertThat(r.budgetBytes).isEqualTo(VosOptions.MEMORY_BUDGET.defaultValue());
            assertThat(r.rgb).isNull();
        }
    }

    /** The record as a source hands it over. */
    @Test
    void previewsGoToTheirSideOutputAsSmallJpegsOfEachStreamWithTheMaskTintedIn() throws Exception {
        SegmentationFunction fn = new SegmentationFunction(VosOptions.defaults().with(VosOptions.SEED, 7L)).previews(1);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId, Types.STRING)) {
            h.open();
            for (long i = 0; i < 3; i++) {
                h.processElement(in(TestFrames.frame("a", i)), i);
                h.processElement(in(TestFrames.frame("b", i)), i);
                Thread.sleep(5);
            }
            var previews = h.getSideOutput(dev.engram.operators.preview.Previews.TAG);
            assertThat(previews).isNotEmpty();
            java.util.Set<String> streams = new java.util.HashSet<>();
            for (var r : previews) {
                var p = r.getValue();
                streams.add(p.streamId);
                assertThat(p.kind).isEqualTo("vos");
                var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(p.jpeg));
                assertThat(img.getWidth()).isEqualTo(p.width).isLessThanOrEqualTo(320);
                assertThat(img.getHeight()).isEqualTo(p.height);
            }
            assertThat(streams).containsExactlyInAnyOrder("a", "b");
            // Results are the same with and without previews: previews are a side output only.
            assertThat(h.extractOutputValues()).hasSize(6);
        }
    }

    @Test
    void withoutPreviewsNothingGoesToTheirSideOutput() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(in(TestFrames.frame("a", 0)), 0);
            assertThat(h.getSideOutput(dev.engram.operators.preview.Previews.TAG)).isNull();
        }
    }

    private static InputRecord<LabeledFrame> in(LabeledFrame value) {
        return InputRecord.of(value.streamId(), value);
    }
}

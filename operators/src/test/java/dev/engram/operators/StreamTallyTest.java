package dev.engram.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.vos.Mask;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.eval.SequenceScore;
import org.junit.jupiter.api.Test;

class StreamTallyTest {

    @Test
    void meansMatchTheDavisEvaluatorIncludingFirstAndLastFrameExclusion() {
        StreamTally tally = new StreamTally();
        SequenceEvaluator evaluator = SequenceEvaluator.davis();
        for (long i = 0; i < 10; i++) {
            LabeledFrame in = TestFrames.frame("s", i);
            SegmentedFrame r = new SegmentedFrame();
            r.streamId = "s";
            r.index = i;
            r.width = TestFrames.W;
            r.height = TestFrames.H;
            r.groundTruth = in.groundTruth.ids;
            r.mask = TestFrames.frame("s", Math.max(0, i - 1)).groundTruth.ids;
            tally.add(r, 1000 + i * 100);
            evaluator.add(in.groundTruth, new Mask(r.width, r.height, r.mask));
        }
        StreamSummary s = tally.summary("s", true);
        SequenceScore expected = evaluator.score();
        assertThat(s.j).isCloseTo(expected.jMean(), within(1e-12));
        assertThat(s.f).isCloseTo(expected.fMean(), within(1e-12));
        assertThat(s.jf).isCloseTo(expected.jf(), within(1e-12));
        assertThat(s.j).isLessThan(1.0);
        assertThat(s.frames).isEqualTo(10);
        assertThat(s.fps).isCloseTo(10.0, within(1e-9));
    }
}

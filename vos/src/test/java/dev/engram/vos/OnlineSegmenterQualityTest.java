package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.eval.SequenceScore;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import org.junit.jupiter.api.Test;

class OnlineSegmenterQualityTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final int FRAMES = 20;
    /** Measured 0.943 on these frames with the default options; a broken pipeline falls far below. */
    private static final double MIN_JF = 0.84;

    @Test
    void firstFramesOfBlackswanScoreAboveThreshold() {
        DavisSequence seq = DavisFolder.discover(SharedData.sequence("blackswan")).get(0);
        assumeTrue(seq.size() >= FRAMES, "blackswan has only " + seq.size() + " frames");
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn());
        SequenceEvaluator evaluator = SequenceEvaluator.davis();
        for (int i = 0; i < FRAMES; i++) {
            Frame f = i == 0 ? seq.readAnnotatedFirstFrame("blackswan") : seq.readFrame(i, "blackswan");
            Mask truth = seq.readMask(i, f.width, f.height);
            assumeTrue(truth != null, "blackswan frame " + i + " has no ground truth");
            evaluator.add(truth, s.segment(f, RESOURCES));
        }
        SequenceScore score = evaluator.score();
        assertThat(score.objects()).hasSize(1);
        assertThat(score.jf()).as("J&F of %s", score).isGreaterThanOrEqualTo(MIN_JF);
    }
}

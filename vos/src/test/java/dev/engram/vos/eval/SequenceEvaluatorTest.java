package dev.engram.vos.eval;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.engram.vos.Mask;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import org.junit.jupiter.api.Test;

class SequenceEvaluatorTest {
    private static final int W = 40, H = 30;

    private static Mask rect(int id, int x0, int y0, int w, int h) {
        Mask m = Mask.empty(W, H);
        paint(m, id, x0, y0, w, h);
        return m;
    }

    private static Mask paint(Mask m, int id, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) for (int x = x0; x < x0 + w; x++) m.ids[y * W + x] = (byte) id;
        return m;
    }

    @Test
    void firstAndLastFramesAreExcluded() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        Mask gt = rect(1, 5, 5, 10, 10);
        e.add(gt, Mask.empty(W, H));          // frame 0: wrong, excluded
        for (int i = 0; i < 5; i++) e.add(gt, gt);
        e.add(gt, Mask.empty(W, H));          // last frame: wrong, excluded
        SequenceScore s = e.score();
        assertThat(s.frames()).isEqualTo(5);
        assertThat(s.jMean()).isEqualTo(1.0);
        assertThat(s.fMean()).isEqualTo(1.0);
        assertThat(s.jf()).isEqualTo(1.0);
        assertThat(s.jRecall()).isEqualTo(1.0);
        assertThat(s.jDecay()).isEqualTo(0.0);
    }

    @Test
    void includingFirstAndLastCountsThem() {
        SequenceEvaluator e = new SequenceEvaluator(SequenceEvaluator.ObjectSet.FIRST_FRAME, false);
        Mask gt = rect(1, 5, 5, 10, 10);
        e.add(gt, Mask.empty(W, H));
        e.add(gt, gt);
        e.add(gt, gt);
        e.add(gt, Mask.empty(W, H));
        assertThat(e.score().jMean()).isEqualTo(0.5);
        assertThat(e.score().frames()).isEqualTo(4);
    }

    @Test
    void decayAndRecallOverFrames() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        Mask gt = rect(1, 5, 5, 10, 10);
        e.add(gt, gt);
        // 8 evaluated frames: 4 perfect then 4 empty predictions -> J = 1,1,1,1,0,0,0,0
        for (int i = 0; i < 4; i++) e.add(gt, gt);
        for (int i = 0; i < 4; i++) e.add(gt, Mask.empty(W, H));
        e.add(gt, gt);
        SequenceScore s = e.score();
        assertThat(s.frames()).isEqualTo(8);
        assertThat(s.jMean()).isEqualTo(0.5);
        assertThat(s.jRecall()).isEqualTo(0.5);
        // bins [0..2] and [5..7]: 1 - 0
        assertThat(s.jDecay()).isEqualTo(1.0);
        assertThat(s.fDecay()).isEqualTo(1.0);
    }

    @Test
    void objectsAreScoredSeparatelyThenAveraged() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        Mask gt = paint(rect(1, 2, 2, 8, 8), 2, 20, 10, 10, 10);
        Mask onlyFirst = rect(1, 2, 2, 8, 8);
        for (int i = 0; i < 6; i++) e.add(gt, onlyFirst);
        SequenceScore s = e.score();
        assertThat(s.objects()).extracting(ObjectScore::objectId).containsExactly(1, 2);
        assertThat(s.objects().get(0).j().mean()).isEqualTo(1.0);
        assertThat(s.objects().get(1).j().mean()).isEqualTo(0.0);
        assertThat(s.jMean()).isEqualTo(0.5);
        assertThat(s.fMean()).isEqualTo(0.5);
    }

    @Test
    void objectAbsentFromBothMasksScoresOneOnThoseFrames() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        Mask both = paint(rect(1, 2, 2, 8, 8), 2, 20, 10, 10, 10);
        Mask onlyOne = rect(1, 2, 2, 8, 8);
        e.add(both, both);
        e.add(onlyOne, onlyOne); // object 2 absent from gt and prediction: J = F = 1
        e.add(both, onlyOne);     // object 2 missed: J = F = 0
        e.add(both, both);        // last, excluded
        ObjectScore two = e.score().objects().get(1);
        assertThat(two.j().mean()).isEqualTo(0.5);
        assertThat(two.f().mean()).isEqualTo(0.5);
    }

    @Test
    void firstFrameRuleIgnoresLaterIdsWhileAllAnnotatedCountsThem() {
        SequenceEvaluator davis = SequenceEvaluator.davis();
        SequenceEvaluator all = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, true);
        Mask first = rect(1, 2, 2, 8, 8);
        Mask later = paint(rect(1, 2, 2, 8, 8), 3, 20, 10, 10, 10);
        for (SequenceEvaluator e : new SequenceEvaluator[] {davis, all}) {
            e.add(first, first);
            e.add(later, first);
            e.add(later, first);
            e.add(later, later);
        }
        assertThat(davis.score().objects()).extracting(ObjectScore::objectId).containsExactly(1);
        assertThat(davis.score().jMean()).isEqualTo(1.0);
        assertThat(all.score().objects()).extracting(ObjectScore::objectId).containsExactly(1, 3);
        assertThat(all.score().jMean()).isEqualTo(0.5);
    }

    @Test
    void voidLabelInGroundTruthIsBackground() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        Mask gt = paint(rect(1, 5, 5, 10, 10), 255, 30, 0, 5, 5);
        Mask pred = rect(1, 5, 5, 10, 10);
        for (int i = 0; i < 4; i++) e.add(gt, pred);
        assertThat(e.score().objects()).hasSize(1);
        assertThat(e.score().jf()).isEqualTo(1.0);
    }

    @Test
    void sizeMismatchIsRejected() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        assertThatThrownBy(() -> e.add(Mask.empty(W, H), Mask.empty(W + 1, H))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groundTruthAgainstItselfOnRealSequenceIsPerfectAndShiftScoresLower() {
        DavisSequence seq = DavisFolder.open(SharedData.vos(), "car-shadow");
        SequenceEvaluator same = SequenceEvaluator.davis();
        SequenceEvaluator shifted = SequenceEvaluator.davis();
        long t0 = System.nanoTime();
        for (int i = 0; i < seq.size(); i++) {
            Mask gt = seq.readMask(i, 854, 480);
            same.add(gt, gt);
            shifted.add(gt, shift(gt, 12));
        }
        System.out.printf("SequenceEvaluator: %d frames x2 evaluations in %.0f ms; shifted by 12 px: %s%n",
                seq.size(), (System.nanoTime() - t0) / 1e6, shifted.score());
        assertThat(same.score().jf()).isEqualTo(1.0);
        assertThat(shifted.score().jMean()).isLessThan(1.0);
        assertThat(shifted.score().fMean()).isLessThan(shifted.score().jMean() + 0.5).isGreaterThan(0.0);
        assertThat(shifted.score().frames()).isEqualTo(seq.size() - 2);
    }

    private static Mask shift(Mask m, int dx) {
        Mask out = Mask.empty(m.width, m.height);
        for (int y = 0; y < m.height; y++)
            for (int x = dx; x < m.width; x++) out.ids[y * m.width + x] = m.ids[y * m.width + x - dx];
        return out;
    }

    @Test
    void scoreWithTooFewFramesIsNaN() {
        SequenceEvaluator e = SequenceEvaluator.davis();
        e.add(rect(1, 1, 1, 3, 3), rect(1, 1, 1, 3, 3));
        assertThat(e.score().jMean()).isNaN();
        assertThat(e.score().frames()).isZero();
        assertThat(e.score().jf()).isNaN();
        assertThat(within(0.0)).isNotNull();
    }
}

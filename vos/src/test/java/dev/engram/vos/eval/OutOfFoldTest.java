package dev.engram.vos.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfFoldTest {
    private static final List<String> SEQ = List.of("a", "b", "c", "d");

    @Test
    void aSettingThatWinsOnlyOnOneSequenceWinsInSampleButNotOutOfFold() {
        // Setting 1 is brilliant on "a" and poor elsewhere: chosen on all, it looks best; chosen without
        // "a" it is never picked, and the held-out figure shows what it was worth.
        double[][] scores = {
                {0.60, 0.60, 0.60, 0.60},
                {1.00, 0.50, 0.50, 0.50}};
        OutOfFold.Result r = OutOfFold.choose(SEQ, scores, 4);
        assertThat(r.inSampleSetting()).isEqualTo(1);
        assertThat(r.inSample()).isCloseTo(0.625, within(1e-12));
        // Fold holding out "a" picks setting 0 (0.60 vs 0.50 on b,c,d) and scores 0.60 on a; the other folds
        // (a among their training sequences) pick setting 1 (mean 0.667 vs 0.60) and score 0.50 on their sequence.
        assertThat(r.folds().get(0).pick()).isZero();
        assertThat(r.folds().get(1).pick()).isEqualTo(1);
        assertThat(r.outOfFold()).isCloseTo((0.60 + 0.50 * 3) / 4, within(1e-12));
        assertThat(r.outOfFold()).isLessThan(r.inSample());
    }

    @Test
    void foldsAreRoundRobinInTheGivenOrderAndCoverEverySequenceOnce() {
        double[][] scores = {{0.1, 0.2, 0.3, 0.4}};
        OutOfFold.Result r = OutOfFold.choose(SEQ, scores, 2);
        assertThat(r.folds()).extracting(OutOfFold.Fold::heldOut).containsExactly(List.of("a", "c"), List.of("b", "d"));
        assertThat(r.outOfFold()).isCloseTo(0.25, within(1e-12));
        assertThat(r.folds().get(0).heldOutScore()).isCloseTo(0.2, within(1e-12));
        assertThat(r.folds().get(0).trainScore()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void aUniformlyBetterSettingIsPickedEverywhereAndBothFiguresAgree() {
        double[][] scores = {{0.5, 0.5, 0.5, 0.5}, {0.7, 0.6, 0.8, 0.7}};
        OutOfFold.Result r = OutOfFold.choose(SEQ, scores, 2);
        assertThat(r.folds()).allMatch(f -> f.pick() == 1);
        assertThat(r.outOfFold()).isCloseTo(r.inSample(), within(1e-12));
    }

    @Test
    void tiesGoToTheSettingListedFirst() {
        OutOfFold.Result r = OutOfFold.choose(SEQ, new double[][] {{0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 0.5}}, 2);
        assertThat(r.inSampleSetting()).isZero();
        assertThat(r.folds()).allMatch(f -> f.pick() == 0);
    }

    @Test
    void refusesFoldCountsOutsideTwoToTheNumberOfSequences() {
        double[][] scores = {{0.1, 0.2, 0.3, 0.4}};
        assertThatThrownBy(() -> OutOfFold.choose(SEQ, scores, 1)).hasMessageContaining("--folds must be in 2..4");
        assertThatThrownBy(() -> OutOfFold.choose(SEQ, scores, 5)).hasMessageContaining("--folds must be in 2..4");
        assertThatThrownBy(() -> OutOfFold.choose(SEQ, new double[][] {{0.1, Double.NaN, 0.3, 0.4}}, 2))
                .hasMessageContaining("not finite");
    }
}

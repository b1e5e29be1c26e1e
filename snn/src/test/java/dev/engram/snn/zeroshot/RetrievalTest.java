package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetrievalTest {
    static double[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new double[] {Math.cos(r), Math.sin(r)};
    }

    /**
     * Candidates: class 1 at 0 degrees, class 2 at 90, class 3 at 180 (one each, so every draw is the
     * same). Queries: two of class 1 at 10 and 80 degrees (right, right), one of class 2 at 30 (wrong:
     * class 1 is nearer), one of class 3 at 170 (right), one of class 4 (not evaluated).
     */
    @Test
    void handMadeCaseHasItsKnownAnswer() {
        double[][] candidates = {at(0), at(90), at(180)};
        int[] candidateClass = {1, 2, 3};
        double[][] queries = {at(10), at(40), at(30), at(170), at(90)};
        int[] queryClass = {1, 1, 2, 3, 4};
        Retrieval.Tally t = Retrieval.run(queries, queryClass, candidates, candidateClass, new int[] {1, 2, 3}, new long[] {1, 2, 3});
        assertThat(t.queries()).isEqualTo(12); // 4 evaluated queries x 3 rounds
        assertThat(t.correct()).isEqualTo(9);
        assertThat(t.accuracy()).isEqualTo(0.75);
        // Only classes 2 and 3 evaluated: the class-2 query at 30 degrees now has only 90 and 180 to choose from.
        Retrieval.Tally two = Retrieval.run(queries, queryClass, candidates, candidateClass, new int[] {2, 3}, new long[] {7});
        assertThat(two.queries()).isEqualTo(2);
        assertThat(two.correct()).isEqualTo(2);
    }

    @Test
    void candidatesAreDrawnPerRoundSoAFarCandidateCostsOnlyTheRoundsItIsDrawn() {
        // Class 1 has a near (5 degrees) and a far (120 degrees) candidate; class 2 one at 100 degrees.
        double[][] candidates = {at(5), at(120), at(100)};
        int[] candidateClass = {1, 1, 2};
        double[][] queries = {at(0)};
        int[] queryClass = {1};
        long[] seeds = new long[200];
        for (int i = 0; i < seeds.length; i++) seeds[i] = i;
        Retrieval.Tally t = Retrieval.run(queries, queryClass, candidates, candidateClass, new int[] {1, 2}, seeds);
        // Right with the near candidate (half the draws), wrong with the far one (120 is farther from 0 than 100).
        assertThat(t.accuracy()).isBetween(0.4, 0.6);
        assertThat(Retrieval.run(queries, queryClass, candidates, candidateClass, new int[] {1, 2}, seeds)).isEqualTo(t);
    }

    @Test
    void anEvaluatedClassWithoutCandidatesIsRefused() {
        assertThatThrownBy(() -> Retrieval.run(new double[][] {at(0)}, new int[] {1}, new double[][] {at(0)}, new int[] {1},
                new int[] {1, 9}, new long[] {1})).hasMessageContaining("class 9 has no candidate");
    }
}

package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GatedRegularizerTest {

    private static long stateBytes(int params) {
        return 8L * params + GatedRegularizer.OVERHEAD_BYTES;
    }

    @Test
    void penaltyIsStrengthTimesTheMeanGatedSquaredDistanceOverStates() {
        GatedRegularizer g = GatedRegularizer.builder(2).strength(2).build();
        g.storeGated(0, new float[] {1f, 2f}, new float[] {1f, 0f}, true);
        g.storeGated(1, new float[] {0f, 0f}, new float[] {0.5f, 1f}, false);
        // 2 · ½ · [1·(3−1)² + 0·(5−2)² + 0.5·(3−0)² + 1·(5−0)²] = (4 + 4.5 + 25)
        assertThat(g.penalty(new float[] {3f, 5f})).isCloseTo(33.5, within(1e-9));
    }

    @Test
    void thePullDoesNotGrowWithTheNumberOfStoredStates() {
        // Seventy copies of one state pull exactly as hard as one: on a long stream the memory fills up,
        // and a summed penalty would all but freeze the gated parameters.
        GatedRegularizer one = GatedRegularizer.builder(2).strength(0.5).build();
        GatedRegularizer many = GatedRegularizer.builder(2).strength(0.5).build();
        one.storeGated(0, new float[] {1f, -1f}, new float[] {1f, 1f}, true);
        for (int f = 0; f < 70; f++) many.storeGated(f, new float[] {1f, -1f}, new float[] {1f, 1f}, f == 0);
        float[] w = {3f, 2f};
        assertThat(many.penalty(w)).isCloseTo(one.penalty(w), within(1e-9));
        double[] d1 = new double[2], r1 = new double[2], d70 = new double[2], r70 = new double[2];
        one.addToNormalEquations(d1, r1);
        many.addToNormalEquations(d70, r70);
        assertThat(d70).containsExactly(d1[0], d1[1]);
        assertThat(r70).containsExactly(r1[0], r1[1]);
    }

    @Test
    void aRegularizerWrittenInTheFirstFormatKeepsItsSummedPenalty() throws IOException {
        // Format 1 summed over states; a stream restored from it goes on with the pull it had.
        GatedRegularizer g = GatedRegularizer.builder(2).strength(2).build();
        g.storeGated(0, new float[] {1f, 2f}, new float[] {1f, 0f}, true);
        g.storeGated(1, new float[] {0f, 0f}, new float[] {0.5f, 1f}, false);
        byte[] v1 = Frames.withVersion(Frames.snapshot(g::write), 1);
        GatedRegularizer old = GatedRegularizer.read(Frames.input(v1));
        assertThat(old.averagesStates()).isFalse();
        assertThat(old.penalty(new float[] {3f, 5f})).isCloseTo(67.0, within(1e-9));
        assertThat(Frames.snapshot(old::write)).as("written back in the format it came in").isEqualTo(v1);
        assertThat(g.averagesStates()).isTrue();
    }

    @Test
    void gradientMatchesFiniteDifferencesOfThePenalty() {
        int p = 6;
        GatedRegularizer g = GatedRegularizer.builder(p).strength(0.7).build();
        for (int s = 0; s < 3; s++) {
            float[] theta = new float[p], gate = new float[p];
            for (int i = 0; i < p; i++) {
                theta[i] = (float) Math.sin(3 * s + i);
                gate[i] = ((s + i) % 3) / 2f;
            }
            g.storeGated(s, theta, gate, s == 0);
        }
        float[] w = new float[p];
        for (int i = 0; i < p; i++) w[i] = (float) Math.cos(i);
        float[] grad = new float[p];
        grad[2] = 1f; // addGradient must add, not overwrite
        g.addGradient(w, grad);
        for (int i = 0; i < p; i++) {
            float[] up = w.clone(), down = w.clone();
            up[i] += 0.01f;
            down[i] -= 0.01f;
            double numeric = (g.penalty(up) - g.penalty(down)) / ((double) up[i] - down[i]);
            double expected = numeric + (i == 2 ? 1 : 0);
            assertThat((double) grad[i]).as("d/dw%d", i).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void normalEquationsGiveTheHandComputedMinimiser() {
        // minimise (w0−3)² + (w1−4)² + 4·½·[ (w0−1)² + w1² ]  (X = I, y = (3, 4); strength 4, two states)
        // → w0 = (3 + 2·1)/(1 + 2) = 5/3, w1 = (4 + 0)/(1 + 2) = 4/3
        GatedRegularizer g = GatedRegularizer.builder(2).strength(4).build();
        g.store(0, new float[] {1f, 10f}, new float[] {5f, 0.1f}, true);  // gate (1, 0)
        g.store(1, new float[] {7f, 0f}, new float[] {1f, 2f}, false);   // gate (0, 1)
        double[] diag = {1, 1}; // XᵀX
        double[] rhs = {3, 4};  // Xᵀy
        g.addToNormalEquations(diag, rhs);
        double w0 = rhs[0] / diag[0], w1 = rhs[1] / diag[1];
        assertThat(w0).isCloseTo(5 / 3.0, within(1e-12));
        assertThat(w1).isCloseTo(4 / 3.0, within(1e-12));

        // and the gradient of the whole objective vanishes there
        float[] w = {(float) w0, (float) w1};
        float[] grad = {(float) (2 * (w0 - 3)), (float) (2 * (w1 - 4))};
        g.addGradient(w, grad);
        assertThat(grad[0]).isCloseTo(0f, within(1e-5f));
        assertThat(grad[1]).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void gatedOffParametersAreNotPulled() {
        GatedRegularizer g = GatedRegularizer.builder(3).strength(5).build();
        g.store(0, new float[] {1f, 1f, 1f}, new float[] {0f, 9f, 0f}, true); // only parameter 1 matters
        float[] w = {-4f, 1f, 8f};
        assertThat(g.penalty(w)).isZero();
        float[] grad = new float[3];
        g.addGradient(new float[] {-4f, 3f, 8f}, grad);
        assertThat(grad[0]).isZero();
        assertThat(grad[2]).isZero();
        assertThat(grad[1]).isEqualTo(20f);
        double[] diag = new double[3], rhs = new double[3];
        g.addToNormalEquations(diag, rhs);
        assertThat(diag).containsExactly(0, 5, 0);
        assertThat(rhs).containsExactly(0, 5, 0);
    }

    @Test
    void gateOpensTheLargestAbsoluteImportances() {
        assertThat(GatedRegularizer.gateFrom(new float[] {0.5f, -3f, 3f, 0f, 1f}, 0.5))
                .containsExactly(0f, 1f, 1f, 0f, 1f);
    }

    @Test
    void gateBreaksTiesTowardsTheLowerIndex() {
        assertThat(GatedRegularizer.gateFrom(new float[] {2f, 2f, 2f, 2f}, 0.5)).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void gateNeverOpensAParameterWithZeroImportance() {
        assertThat(GatedRegularizer.gateFrom(new float[] {0f, 0f, 1f, 0f}, 0.75)).containsExactly(0f, 0f, 1f, 0f);
    }

    @Test
    void evictsTheOldestNonAnchorStateAndKeepsTheAnchor() {
        GatedRegularizer g = GatedRegularizer.builder(4).budget(MemoryBudget.ofBytes(3 * stateBytes(4))).build();
        float[] imp = {1f, 1f, 1f, 1f};
        g.store(0, new float[4], imp, true);
        g.store(1, new float[4], imp, false);
        g.store(2, new float[4], imp, false);
        OfferResult r = g.store(3, new float[4], imp, false);
        assertThat(r.evictedFrameIndices()).containsExactly(1L);
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.frameIndex(0)).isZero();
        assertThat(g.isAnchor(0)).isTrue();
        assertThat(g.frameIndex(1)).isEqualTo(2);
        assertThat(g.bytes()).isEqualTo(3 * stateBytes(4)).isLessThanOrEqualTo(g.budget().bytes());
    }

    @Test
    void evictedStatesNoLongerPull() {
        GatedRegularizer g = GatedRegularizer.builder(1).budget(MemoryBudget.ofBytes(stateBytes(1))).build();
        g.store(0, new float[] {5f}, new float[] {1f}, false);
        g.store(1, new float[] {2f}, new float[] {1f}, false);
        assertThat(g.penalty(new float[] {2f})).isZero();
    }

    @Test
    void refusesAStateThatCannotFitBesideTheAnchors() {
        GatedRegularizer g = GatedRegularizer.builder(4).budget(MemoryBudget.ofBytes(stateBytes(4) + 10)).build();
        g.store(0, new float[4], new float[4], true);
        assertThatThrownBy(() -> g.store(1, new float[4], new float[4], false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs " + stateBytes(4) + " bytes but only 10");
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void rejectsAParameterCountMismatch() {
        GatedRegularizer g = new GatedRegularizer(MemoryBudget.unbounded(), 3);
        assertThatThrownBy(() -> g.store(0, new float[4], new float[4], true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 4 values but the regularizer has 3 parameters");
        assertThatThrownBy(() -> g.penalty(new float[2]))
                .hasMessageContaining("w has 2 values but the regularizer has 3 parameters");
        assertThatThrownBy(() -> g.addToNormalEquations(new double[3], new double[2]))
                .hasMessageContaining("must have 3 values");
    }

    @Test
    void setStrengthScalesThePenalty() {
        GatedRegularizer g = new GatedRegularizer(MemoryBudget.unbounded(), 1);
        g.store(0, new float[] {0f}, new float[] {1f}, true);
        assertThat(g.penalty(new float[] {2f})).isEqualTo(4.0);
        g.setStrength(0.5);
        assertThat(g.penalty(new float[] {2f})).isEqualTo(2.0);
        assertThatThrownBy(() -> g.setStrength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotRoundTripsBitExactlyAndKeepsEvictingTheSame() throws IOException {
        GatedRegularizer g = GatedRegularizer.builder(3).budget(MemoryBudget.ofBytes(3 * stateBytes(3)))
                .strength(0.3).gateFraction(0.34).build();
        for (int f = 0; f < 5; f++) {
            g.store(f, new float[] {f, -f, 0.1f * f}, new float[] {f % 3, 1f, 2f}, f == 0);
        }
        byte[] first = Frames.snapshot(g::write);
        GatedRegularizer back = GatedRegularizer.read(Frames.input(first));
        assertThat(Frames.snapshot(back::write)).isEqualTo(first);
        float[] w = {0.2f, 0.4f, -1f};
        assertThat(back.penalty(w)).isEqualTo(g.penalty(w));
        assertThat(back.store(9, w, w, false)).isEqualTo(g.store(9, w, w, false));
        assertThat(Frames.snapshot(back::write)).isEqualTo(Frames.snapshot(g::write));
    }

    @Test
    void unknownVersionIsAnIoException() throws IOException {
        byte[] bytes = Frames.withVersion(Frames.snapshot(new GatedRegularizer(MemoryBudget.unbounded(), 2)::write), 5);
        assertThatThrownBy(() -> GatedRegularizer.read(Frames.input(bytes))).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown GatedRegularizer format version 5");
    }
}

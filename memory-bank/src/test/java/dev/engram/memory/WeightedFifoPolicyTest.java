package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedFifoPolicyTest {

    private static FrameMemory memory(int entries) {
        return new FrameMemory(MemoryBudget.ofBytes(entries * Frames.bytes(1, 1)), new WeightedFifoPolicy());
    }

    @Test
    void newEntryGetsLearningRateAndOlderWeightsDecay() {
        FrameMemory m = memory(10);
        m.offer(Frames.entry(0, 1f));
        m.offer(Frames.entry(1, 1f));
        // 1 decays to 0.9, new gets 0.1; already normalised
        assertThat(m.weight(0)).isCloseTo(0.9, within(1e-12));
        assertThat(m.weight(1)).isCloseTo(0.1, within(1e-12));
        m.offer(Frames.entry(2, 1f));
        assertThat(m.weight(0)).isCloseTo(0.81, within(1e-12));
        assertThat(m.weight(1)).isCloseTo(0.09, within(1e-12));
        assertThat(m.weight(2)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void anchorsKeepAtLeastAQuarterOfTheWeight() {
        FrameMemory m = memory(100);
        m.offer(Frames.entry(0, true, 1, 1f));
        for (int f = 1; f < 300; f++) {
            m.offer(Frames.entry(f, 1f));
            double total = 0;
            for (int i = 0; i < m.size(); i++) total += m.weight(i);
            assertThat(total).isCloseTo(1.0, within(1e-9));
            assertThat(m.weight(0)).isGreaterThanOrEqualTo(0.25 - 1e-12);
        }
        // after many updates the anchor's own share has decayed to the floor, so the floor is what holds it
        assertThat(m.weight(0)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void evictsLowestWeightEntryWhichIsTheOldestNonAnchor() {
        FrameMemory m = memory(3);
        m.offer(Frames.entry(0, true, 1, 1f));
        m.offer(Frames.entry(1, 1f));
        m.offer(Frames.entry(2, 1f));
        OfferResult r = m.offer(Frames.entry(3, 1f));
        assertThat(r.outcome()).isEqualTo(OfferResult.Outcome.REPLACED);
        assertThat(r.evictedFrameIndices()).containsExactly(1L);
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 2L, 3L);
    }

    @Test
    void neverEvictsTheAnchor() {
        FrameMemory m = memory(2);
        m.offer(Frames.entry(0, true, 1, 1f));
        for (int f = 1; f < 50; f++) assertThat(m.offer(Frames.entry(f, 1f)).kept()).isTrue();
        assertThat(m.entries().get(0).frameIndex()).isZero();
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 49L);
    }

    @Test
    void updateSelectionIsAllEntriesWithTheirWeights() {
        FrameMemory m = memory(10);
        for (int f = 0; f < 4; f++) m.offer(Frames.entry(f, f == 0, 1, 1f));
        Selection s = m.selectForUpdate(new float[] {1f}, 100);
        assertThat(s.indices()).containsExactly(0, 1, 2, 3);
        for (int i = 0; i < 4; i++) assertThat(s.weight(i)).isCloseTo(m.weight(i), within(1e-12));
    }

    @Test
    void cappedSelectionKeepsTheAnchorAndTheHeaviestOthers() {
        FrameMemory m = memory(10);
        for (int f = 0; f < 5; f++) m.offer(Frames.entry(f, f == 0, 1, 1f));
        Selection s = m.selectForUpdate(new float[] {1f}, 3);
        // newest non-anchors have the highest weights
        assertThat(s.indices()).containsExactly(0, 3, 4);
        assertThat(s.weights()[0] + s.weights()[1] + s.weights()[2]).isCloseTo(1.0, within(1e-12));
        assertThat(s.weight(0)).isGreaterThanOrEqualTo(0.25);
    }
}

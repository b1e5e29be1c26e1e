package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameMemoryTest {

    @Test
    void refusesAnEntryBiggerThanTheWholeBudgetNamingBothSizes() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(100), new WeightedFifoPolicy());
        MemoryEntry big = Frames.entry(5, false, 10, 1f); // 4·(30+1)+64 = 188 bytes
        assertThatThrownBy(() -> m.offer(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 188 bytes")
                .hasMessageContaining("whole memory budget is 100 bytes");
        assertThat(m.size()).isZero();
    }

    @Test
    void refusesAnEntryThatCannotFitBesideTheAnchors() {
        long anchor = Frames.bytes(4, 1);
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(anchor + Frames.bytes(2, 1)), new WeightedFifoPolicy());
        m.offer(Frames.entry(0, true, 4, 1f));
        m.offer(Frames.entry(1, false, 1, 1f));
        assertThatThrownBy(() -> m.offer(Frames.entry(2, false, 3, 1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs " + Frames.bytes(3, 1) + " bytes")
                .hasMessageContaining("anchors hold " + anchor + " bytes");
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 1L);
    }

    @Test
    void shrinkingTheBudgetEvictsThroughThePolicyAndKeepsTheAnchor() {
        for (SelectionPolicy policy : new SelectionPolicy[] {new WeightedFifoPolicy(), new ReservoirPolicy(3), new RmsclPolicy()}) {
            FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(6 * Frames.bytes(1, 2)), policy);
            m.offer(Frames.entry(0, true, 1, 1f, 0f));
            for (int f = 1; f <= 5; f++) m.offer(Frames.entry(f, 1f, f));
            java.util.List<Long> gone = m.rebudget(MemoryBudget.ofBytes(3 * Frames.bytes(1, 2)));
            assertThat(gone).as(policy.name()).hasSize(3).doesNotContain(0L);
            assertThat(m.bytes()).isLessThanOrEqualTo(3 * Frames.bytes(1, 2));
            assertThat(m.entries().get(0).frameIndex()).isZero();
            assertThat(m.budget().bytes()).isEqualTo(3 * Frames.bytes(1, 2));
            m.offer(Frames.entry(9, 1f, 9f));
            assertThat(m.bytes()).isLessThanOrEqualTo(3 * Frames.bytes(1, 2));
            assertThatThrownBy(() -> m.rebudget(MemoryBudget.ofBytes(10))).hasMessageContaining("cannot hold the anchors");
        }
    }

    @Test
    void growingTheBudgetEvictsNothing() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(2 * Frames.bytes(1, 1)), new WeightedFifoPolicy());
        m.offer(Frames.entry(0, true, 1, 1f));
        m.offer(Frames.entry(1, 1f));
        assertThat(m.rebudget(MemoryBudget.ofBytes(4 * Frames.bytes(1, 1)))).isEmpty();
        m.offer(Frames.entry(2, 1f));
        m.offer(Frames.entry(3, 1f));
        assertThat(m.size()).isEqualTo(4);
    }

    @Test
    void evictsRepeatedlyUntilALargeEntryFits() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(5 * Frames.bytes(1, 1)), new WeightedFifoPolicy());
        m.offer(Frames.entry(0, true, 1, 1f));
        for (int f = 1; f <= 4; f++) m.offer(Frames.entry(f, 1f));
        // 3 rows need 4·10+64 = 104 bytes; each small entry is 80 bytes, so two must go, oldest first
        OfferResult r = m.offer(Frames.entry(9, false, 3, 1f));
        assertThat(r.evictedFrameIndices()).containsExactly(1L, 2L);
        assertThat(m.bytes()).isLessThanOrEqualTo(m.budget().bytes());
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 3L, 4L, 9L);
    }

    @Test
    void bytesIsTheSumOfEntryBytesAndPeakRemembersTheMaximum() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(1000), new WeightedFifoPolicy());
        m.offer(Frames.entry(0, false, 5, 1f));
        m.offer(Frames.entry(1, false, 2, 1f));
        assertThat(m.bytes()).isEqualTo(Frames.bytes(5, 1) + Frames.bytes(2, 1));
        assertThat(m.peakBytes()).isEqualTo(m.bytes());
    }

    @Test
    void rejectsAnEntryWithOtherFeatureDimsOrDescriptorLength() {
        FrameMemory m = new FrameMemory(MemoryBudget.unbounded(), new RmsclPolicy());
        m.offer(Frames.entry(0, 1f, 2f));
        assertThatThrownBy(() -> m.offer(Frames.entry(1, 1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("descriptor of length 1 but the memory holds descriptors of length 2");
        assertThatThrownBy(() -> m.offer(new MemoryEntry(2, false, 1f, 1, 3, new float[3], new float[1], new float[2])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 feature dims but the memory holds entries with 2");
    }

    @Test
    void entriesViewCannotBeModified() {
        FrameMemory m = new FrameMemory(MemoryBudget.unbounded(), new WeightedFifoPolicy());
        m.offer(Frames.entry(0, 1f));
        assertThatThrownBy(() -> m.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAMaxEntriesBelowOne() {
        FrameMemory m = new FrameMemory(MemoryBudget.unbounded(), new WeightedFifoPolicy());
        assertThatThrownBy(() -> m.selectForUpdate(new float[] {1f}, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntries must be >= 1");
    }

    @Test
    void policyNamesMatchTheOptionValues() {
        assertThat(SelectionPolicy.named("fifo", 1)).isInstanceOf(WeightedFifoPolicy.class);
        assertThat(SelectionPolicy.named("Reservoir", 1)).isInstanceOf(ReservoirPolicy.class);
        assertThat(SelectionPolicy.named("rmscl", 1).name()).isEqualTo("rmscl");
        assertThatThrownBy(() -> SelectionPolicy.named("lru", 1)).hasMessageContaining("unknown selection policy 'lru'");
    }
}

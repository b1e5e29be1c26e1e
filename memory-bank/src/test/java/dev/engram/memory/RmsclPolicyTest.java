package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RmsclPolicyTest {
    private static final int DIM = 6;

    /** Unit vector along axis {@code axis} with a small shared component, so descriptors are distinct but not orthogonal. */
    private static float[] unit(int axis) {
        float[] d = new float[DIM];
        for (int i = 0; i < DIM; i++) d[i] = 0.1f;
        d[axis] = 1f;
        return d;
    }

    private static FrameMemory memory(int entries) {
        return new FrameMemory(MemoryBudget.ofBytes(entries * Frames.bytes(1, DIM)), new RmsclPolicy());
    }

    @Test
    void entryEqualToTheQueryGetsTheLargestCoefficient() {
        FrameMemory m = memory(10);
        for (int f = 0; f < 5; f++) m.offer(Frames.entry(f, unit(f)));
        double[] alpha = ((RmsclPolicy) m.policy()).coefficients(m.entries(), unit(3));
        assertThat(alpha[3]).isGreaterThan(0.9);
        for (int j = 0; j < alpha.length; j++) if (j != 3) assertThat(Math.abs(alpha[j])).isLessThan(alpha[3] / 10);
    }

    @Test
    void selectsTheEntryEqualToTheQueryWithTheLargestWeight() {
        FrameMemory m = memory(10);
        for (int f = 0; f < 5; f++) m.offer(Frames.entry(f, unit(f)));
        Selection s = m.selectForUpdate(unit(2), 4);
        int best = 0;
        for (int i = 1; i < s.size(); i++) if (s.weight(i) > s.weight(best)) best = i;
        assertThat(s.index(best)).isEqualTo(2);
        assertThat(s.weight(best)).isGreaterThan(0.9);
    }

    @Test
    void alwaysIncludesTheAnchorWithAtLeastTheFloorWeight() {
        FrameMemory m = memory(10);
        m.offer(Frames.entry(0, true, 1, unit(0)));
        for (int f = 1; f < 5; f++) m.offer(Frames.entry(f, unit(f)));
        Selection s = m.selectForUpdate(unit(4), 2);
        assertThat(s.indices()).containsExactly(0, 4);
        assertThat(s.weight(0)).isCloseTo(0.25, within(1e-12));
        assertThat(s.weight(1)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void selectsAtMostTopKOthers() {
        RmsclPolicy policy = RmsclPolicy.builder().topK(2).lambda1(0).build();
        FrameMemory m = new FrameMemory(MemoryBudget.unbounded(), policy);
        for (int f = 0; f < 5; f++) m.offer(Frames.entry(f, unit(f)));
        float[] mix = {1f, 1f, 1f, 1f, 1f, 0f};
        Selection s = m.selectForUpdate(mix, 10);
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void evictsOneOfTwoDuplicatesWhenFull() {
        FrameMemory m = memory(4);
        m.offer(Frames.entry(0, unit(0)));
        m.offer(Frames.entry(1, unit(1)));
        m.offer(Frames.entry(2, unit(1)));
        m.offer(Frames.entry(3, unit(2)));
        OfferResult r = m.offer(Frames.entry(4, unit(3)));
        assertThat(r.outcome()).isEqualTo(OfferResult.Outcome.REPLACED);
        assertThat(r.evictedFrameIndices()).containsExactly(1L);
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 2L, 3L, 4L);
    }

    @Test
    void aLargeMemoryStillEvictsAnExactDuplicateAmongManyDistinctEntries() {
        // 300 random 512-dim descriptors (far more entries than the screen solves exactly) and one duplicate pair.
        int dims = 512, n = 300;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(n * Frames.bytes(1, dims)), new RmsclPolicy());
        float[] twin = null;
        for (int f = 0; f < n; f++) {
            float[] d = new float[dims];
            for (int i = 0; i < dims; i++) d[i] = (float) rnd.nextGaussian();
            if (f == 120) twin = d;
            m.offer(Frames.entry(f, f == 200 ? twin : d));
        }
        float[] fresh = new float[dims];
        for (int i = 0; i < dims; i++) fresh[i] = (float) rnd.nextGaussian();
        OfferResult r = m.offer(Frames.entry(n, fresh));
        assertThat(r.evictedFrameIndices()).containsExactly(120L);
        assertThat(m.bytes()).isLessThanOrEqualTo(m.budget().bytes());
    }

    @Test
    void dropsTheIncomingEntryWhenItIsTheMostRedundant() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(3 * Frames.bytes(1, DIM)), RmsclPolicy.builder().recentFraction(0).build());
        // the blend is reconstructed from frames 0 and 2 with small coefficients; rebuilding frame 0 from
        // the blend and frame 2 needs larger ones, so the incoming frame is the most redundant
        OfferResult blended = offerThreeThenABlend(m);
        assertThat(blended.outcome()).isEqualTo(OfferResult.Outcome.DROPPED);
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).containsExactly(0L, 1L, 2L);
    }

    /** The same offer with a recent share: the newest frame is protected, so an older, redundant one goes. */
    @Test
    void keepsTheIncomingEntryInTheRecentShareAndEvictsAnOlderRedundantOne() {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(3 * Frames.bytes(1, DIM)), RmsclPolicy.builder().recentFraction(0.25).build());
        OfferResult r = offerThreeThenABlend(m);
        assertThat(r.outcome()).isNotEqualTo(OfferResult.Outcome.DROPPED);
        // frames 0 and 2 are each rebuilt from the other and the blend (2·blend − the other), alike by symmetry;
        // frame 1 resembles nothing, and the blend is protected
        assertThat(r.evictedFrameIndices()).hasSize(1).first().isIn(0L, 2L);
        assertThat(m.entries()).extracting(MemoryEntry::frameIndex).contains(1L, 3L);
    }

    /**
     * A slowly drifting stream (each descriptor a small step from the last) into a memory of 8: the
     * newest floor(fraction x non-anchors) frames are always held, while without a share the newest
     * frames, the most alike, are what goes, and the memory keeps old views.
     */
    @Test
    void theNewestShareOfFramesIsNeverEvictedOnADriftingStream() {
        for (double fraction : new double[] {0.25, 0.5}) {
            FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(8 * Frames.bytes(1, DIM)),
                    RmsclPolicy.builder().recentFraction(fraction).build());
            m.offer(Frames.entry(0, true, 1, drift(0)));
            for (long f = 1; f <= 60; f++) {
                boolean full = m.entries().size() == 8;
                m.offer(Frames.entry(f, drift(f)));
                // the share is counted when a full memory chooses what goes: its 7 non-anchors and the incoming one
                long held = full ? (long) Math.floor(fraction * 8) : m.entries().size() - 1;
                for (long k = f; k > f - held; k--) {
                    long frame = k;
                    assertThat(m.entries()).as("fraction %s after frame %d", fraction, f).anyMatch(e -> e.frameIndex() == frame);
                }
                assertThat(m.bytes()).isLessThanOrEqualTo(m.budget().bytes());
            }
        }
        FrameMemory none = new FrameMemory(MemoryBudget.ofBytes(8 * Frames.bytes(1, DIM)), RmsclPolicy.builder().recentFraction(0).build());
        none.offer(Frames.entry(0, true, 1, drift(0)));
        for (long f = 1; f <= 60; f++) none.offer(Frames.entry(f, drift(f)));
        assertThat(none.entries()).extracting(MemoryEntry::frameIndex).doesNotContain(60L, 59L);
    }

    /**
     * An anchor offered into a full memory is not counted in the share: of the 4 non-anchors held, the
     * newest floor(0.5 × 4) = 2 stay, and the most redundant of the older two goes.
     */
    @Test
    void anIncomingAnchorTakesNoPlaceInTheRecentShare() {
        RmsclPolicy p = RmsclPolicy.builder().recentFraction(0.5).build();
        // frames 3 and 4 are duplicates, the most redundant; frames 1 and 2 resemble nothing. Counting the
        // anchor would protect it and frame 4 only, and frame 3 would go.
        List<MemoryEntry> held = List.of(Frames.entry(0, true, 1, unit(5)), Frames.entry(1, unit(1)), Frames.entry(2, unit(2)),
                Frames.entry(3, unit(0)), Frames.entry(4, unit(0)));
        MemoryEntry anchor = Frames.entry(5, true, 1, unit(4));
        assertThat(p.chooseEviction(held, anchor, false)).isIn(1, 2);
        assertThat(p.chooseEviction(held, null, false)).isIn(1, 2);
        RmsclPolicy none = RmsclPolicy.builder().recentFraction(0).build();
        assertThat(none.chooseEviction(held, anchor, false)).isIn(3, 4);
    }

    /** Offers frames 0, 1, 2 (unit axes 0, 1, 2), then frame 3, the mean of frames 0 and 2; returns the last offer's result. */
    private static OfferResult offerThreeThenABlend(FrameMemory m) {
        m.offer(Frames.entry(0, unit(0)));
        m.offer(Frames.entry(1, unit(1)));
        m.offer(Frames.entry(2, unit(2)));
        float[] blend = new float[DIM];
        float[] a = unit(0), b = unit(2);
        for (int i = 0; i < DIM; i++) blend[i] = 0.5f * (a[i] + b[i]);
        return m.offer(Frames.entry(3, blend));
    }

    /** A unit descriptor turning slowly in the plane of the first two axes, plus a little of a third. */
    private static float[] drift(long f) {
        float[] d = new float[DIM];
        double t = 0.05 * f;
        d[0] = (float) Math.cos(t);
        d[1] = (float) Math.sin(t);
        d[2] = (float) (0.1 * Math.sin(0.37 * f));
        return d;
    }

    @Test
    void neverEvictsTheAnchorEvenWhenItIsRedundant() {
        FrameMemory m = memory(2);
        m.offer(Frames.entry(0, true, 1, unit(0)));
        m.offer(Frames.entry(1, unit(0)));
        OfferResult r = m.offer(Frames.entry(2, true, 1, unit(0)));
        assertThat(r.evictedFrameIndices()).containsExactly(1L);
        assertThat(m.entries()).extracting(MemoryEntry::anchor).containsExactly(true, true);
    }

    @Test
    void residualIsZeroForADuplicateAndLargeForADistinctEntry() {
        RmsclPolicy p = new RmsclPolicy();
        double[] r = p.relativeResiduals(List.of(Frames.entry(0, unit(0)), Frames.entry(1, unit(0)),
                Frames.entry(2, unit(4))), null);
        assertThat(r[0]).isLessThan(0.05);
        assertThat(r[1]).isLessThan(0.05);
        assertThat(r[2]).isGreaterThan(0.5);
    }

    @Test
    void rejectsAQueryOfTheWrongLength() {
        FrameMemory m = memory(3);
        m.offer(Frames.entry(0, unit(0)));
        assertThatThrownBy(() -> m.selectForUpdate(new float[3], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query descriptor has length 3 but the memory's descriptors have length 6");
    }
}

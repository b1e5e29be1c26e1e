package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservoirPolicyTest {

    private static FrameMemory memory(int entries, long seed) {
        return new FrameMemory(MemoryBudget.ofBytes(entries * Frames.bytes(1, 1)), new ReservoirPolicy(seed));
    }

    @Test
    void keepsEachOfNOffersWithProbabilityKOverN() {
        int k = 5, n = 20, trials = 4000;
        int[] kept = new int[n];
        for (long seed = 0; seed < trials; seed++) {
            FrameMemory m = memory(k, seed);
            for (int f = 0; f < n; f++) m.offer(Frames.entry(f, 1f));
            for (MemoryEntry e : m.entries()) kept[(int) e.frameIndex()]++;
        }
        for (int f = 0; f < n; f++) {
            // expected 0.25; the standard error of 4000 trials is 0.007, so 0.035 is a 5-sigma tolerance
            assertThat(kept[f] / (double) trials).as("frame %d", f).isCloseTo((double) k / n, within(0.035));
        }
    }

    @Test
    void anchorIsNeverEvictedAndDoesNotCountAsASample() {
        FrameMemory m = memory(3, 7);
        m.offer(Frames.entry(0, true, 1, 1f));
        for (int f = 1; f <= 100; f++) m.offer(Frames.entry(f, 1f));
        assertThat(m.entries().get(0).frameIndex()).isZero();
        assertThat(m.size()).isEqualTo(3);
        assertThat(((ReservoirPolicy) m.policy()).seen()).isEqualTo(100);
    }

    @Test
    void sameSeedMakesTheSameChoices() {
        assertThat(keptFrames(11)).isEqualTo(keptFrames(11));
        assertThat(keptFrames(11)).isNotEqualTo(keptFrames(12));
    }

    private static List<Long> keptFrames(long seed) {
        FrameMemory m = memory(4, seed);
        for (int f = 0; f < 60; f++) m.offer(Frames.entry(f, 1f));
        List<Long> frames = new ArrayList<>();
        for (MemoryEntry e : m.entries()) frames.add(e.frameIndex());
        return frames;
    }

    @Test
    void dropsOffersItDoesNotSampleWithoutEvicting() {
        FrameMemory m = memory(2, 3);
        int dropped = 0;
        for (int f = 0; f < 200; f++) {
            OfferResult r = m.offer(Frames.entry(f, 1f));
            if (r.outcome() == OfferResult.Outcome.DROPPED) {
                dropped++;
                assertThat(r.evictedFrameIndices()).isEmpty();
            }
        }
        // 2 slots over 200 offers keep about 2·ln(100) ≈ 9 offers, so most are dropped
        assertThat(dropped).isGreaterThan(150);
    }

    @Test
    void updateUsesAnchorsAndNewestEntriesEquallyWeighted() {
        FrameMemory m = memory(10, 1);
        for (int f = 0; f < 6; f++) m.offer(Frames.entry(f, f == 0, 1, 1f));
        Selection s = m.selectForUpdate(new float[] {1f}, 3);
        assertThat(s.indices()).containsExactly(0, 4, 5);
        assertThat(s.weights()).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
    }
}

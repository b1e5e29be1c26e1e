package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FrameMemoryBudgetPropertyTest {
    private static final int DESCRIPTOR = 3;

    record Offer(int rows, boolean anchor, float[] descriptor) {}

    @Provide
    Arbitrary<List<Offer>> offers() {
        Arbitrary<float[]> descriptor = Arbitraries.floats().between(-1f, 1f).array(float[].class).ofSize(DESCRIPTOR);
        Arbitrary<Offer> offer = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 19).map(i -> i == 0), descriptor).as(Offer::new);
        return offer.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300, seed = "20240611")
    void neverAboveBudget(@ForAll("offers") List<Offer> offers, @ForAll @LongRange(min = 0, max = 1500) long budget,
            @ForAll @IntRange(min = 0, max = 2) int policyKind, @ForAll long seed) {
        SelectionPolicy policy = switch (policyKind) {
            case 0 -> new WeightedFifoPolicy();
            case 1 -> new ReservoirPolicy(seed);
            default -> new RmsclPolicy();
        };
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(budget), policy);
        long frame = 0;
        for (Offer o : offers) {
            MemoryEntry e = Frames.entry(frame++, o.anchor(), o.rows(), o.descriptor());
            long anchorsBefore = m.entries().stream().filter(MemoryEntry::anchor).count();
            long anchorBytesBefore = m.entries().stream().filter(MemoryEntry::anchor).mapToLong(MemoryEntry::bytes).sum();
            try {
                OfferResult r = m.offer(e);
                if (e.anchor()) assertThat(r.kept()).isTrue();
            } catch (IllegalArgumentException refused) {
                // only entries that cannot fit beside the anchors may be refused
                assertThat(anchorBytesBefore + e.bytes()).isGreaterThan(budget);
            }
            assertThat(m.bytes()).isLessThanOrEqualTo(budget);
            assertThat(m.bytes()).isEqualTo(m.entries().stream().mapToLong(MemoryEntry::bytes).sum());
            assertThat(m.entries().stream().filter(MemoryEntry::anchor).count()).isGreaterThanOrEqualTo(anchorsBefore);
        }
        assertThat(m.peakBytes()).isLessThanOrEqualTo(budget);
        if (!m.entries().isEmpty()) {
            double total = 0;
            for (int i = 0; i < m.size(); i++) total += m.weight(i);
            assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}

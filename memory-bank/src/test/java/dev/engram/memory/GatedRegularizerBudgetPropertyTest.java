package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class GatedRegularizerBudgetPropertyTest {

    @Property(tries = 200, seed = "20240612")
    void neverAboveBudgetAndKeepsEveryAnchor(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 9) Integer> kinds,
            @ForAll @LongRange(min = 0, max = 2000) long budget, @ForAll @IntRange(min = 1, max = 20) int params) {
        GatedRegularizer g = GatedRegularizer.builder(params).budget(MemoryBudget.ofBytes(budget)).build();
        int anchors = 0;
        long frame = 0;
        for (int kind : kinds) {
            boolean anchor = kind == 0;
            float[] v = new float[params];
            for (int i = 0; i < params; i++) v[i] = kind + i;
            try {
                g.store(frame++, v, v, anchor);
                if (anchor) anchors++;
            } catch (IllegalArgumentException refused) {
                assertThat((anchors + 1L) * (8L * params + GatedRegularizer.OVERHEAD_BYTES)).isGreaterThan(budget);
            }
            assertThat(g.bytes()).isLessThanOrEqualTo(budget);
            int held = 0;
            for (int i = 0; i < g.size(); i++) if (g.isAnchor(i)) held++;
            assertThat(held).isEqualTo(anchors);
        }
        assertThat(g.peakBytes()).isLessThanOrEqualTo(budget);
    }
}

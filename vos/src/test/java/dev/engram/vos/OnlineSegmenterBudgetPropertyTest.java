package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class OnlineSegmenterBudgetPropertyTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final int FRAMES = 10;

    @Provide
    Arbitrary<String> policies() {
        return Arbitraries.of("fifo", "reservoir", "rmscl");
    }

    /**
     * Budgets from about two frame-memory entries per object (with less, the frame memory refuses the
     * first online update) to about eight, so some runs fill and evict within the stream and some do not.
     */
    @Property(tries = 6, seed = "20250611")
    void neverAboveBudget(@ForAll("policies") String policy, @ForAll boolean grcl,
            @ForAll @LongRange(min = 460_000, max = 1_100_000) long budget, @ForAll long seed) {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn()
                .with(VosOptions.MAX_OBJECTS, 2)
                .with(VosOptions.UPDATE_EVERY, 1)
                .with(VosOptions.POLICY, policy)
                .with(VosOptions.GRCL, grcl)
                .with(VosOptions.SEED, seed)
                .with(VosOptions.MEMORY_BUDGET, budget));
        for (int i = 0; i < FRAMES; i++) {
            s.segment(TWO_OBJECTS.frame(i), RESOURCES);
            assertThat(s.memoryBytes()).as("bytes after frame %d", i).isLessThanOrEqualTo(budget);
        }
        assertThat(s.peakMemoryBytes()).isLessThanOrEqualTo(budget);
    }

    /**
     * One object alone has the whole frame-memory budget; when a second is annotated later, the first
     * gives up half by eviction through its policy, and the stream never holds more than its budget.
     */
    @Property(tries = 6, seed = "20261206")
    void aJoiningObjectTakesItsShareWithoutTheStreamEverExceedingItsBudget(@ForAll("policies") String policy,
            @ForAll boolean grcl, @ForAll @LongRange(min = 460_000, max = 1_100_000) long budget,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 7) int join) {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn()
                .with(VosOptions.MAX_OBJECTS, 2)
                .with(VosOptions.UPDATE_EVERY, 1)
                .with(VosOptions.POLICY, policy)
                .with(VosOptions.GRCL, grcl)
                .with(VosOptions.MEMORY_BUDGET, budget));
        int[] onlyFirst = new int[256], onlySecond = new int[256];
        onlyFirst[1] = 1;
        onlySecond[2] = 2;
        long aloneShare = 0;
        for (int i = 0; i < FRAMES; i++) {
            Frame f = TWO_OBJECTS.frame(i);
            if (i == 0) f = f.withAnnotation(SegmenterStreams.renumber(TWO_OBJECTS.groundTruth(0), onlyFirst));
            else if (i == join) f = f.withAnnotation(SegmenterStreams.renumber(TWO_OBJECTS.groundTruth(i), onlySecond));
            else f = f.withAnnotation(null);
            s.segment(f, RESOURCES);
            assertThat(s.memoryBytes()).as("bytes after frame %d", i).isLessThanOrEqualTo(budget);
            ObjectTrack first = s.tracksForTest().get(0);
            assertThat(first.bank.bytes()).isLessThanOrEqualTo(first.bank.budget().bytes());
            if (i < join) {
                assertThat(s.tracksForTest()).hasSize(1);
                aloneShare = first.bank.budget().bytes();
            } else {
                assertThat(s.tracksForTest()).hasSize(2);
                long share = first.bank.budget().bytes();
                assertThat(s.tracksForTest().get(1).bank.budget().bytes()).isEqualTo(share);
                // Alone it had its own share plus the second object's (and that one's GRCL share).
                assertThat(aloneShare).isGreaterThan(2 * share);
            }
        }
    }
}

package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.SMALL_BUDGET;
import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.smallBudget;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnlineSegmenterBudgetTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final int FRAMES = 10;

    static Stream<Arguments> policiesAndGrcl() {
        return Stream.of("fifo", "reservoir", "rmscl")
                .flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest(name = "{0}, grcl={1}")
    @MethodSource("policiesAndGrcl")
    void memoryStaysWithinBudgetAfterEveryFrame(String policy, boolean grcl) {
        OnlineSegmenter s = new OnlineSegmenter(smallBudget().with(VosOptions.POLICY, policy).with(VosOptions.GRCL, grcl));
        assertThat(s.memoryBudgetBytes()).isEqualTo(SMALL_BUDGET);
        for (int i = 0; i < FRAMES; i++) {
            s.segment(TWO_OBJECTS.frame(i), RESOURCES);
            assertThat(s.memoryBytes()).as("bytes after frame %d", i).isLessThanOrEqualTo(SMALL_BUDGET);
        }
        assertThat(s.peakMemoryBytes()).isLessThanOrEqualTo(SMALL_BUDGET);
        // The bank filled and evicted (one entry per object per frame otherwise), and the budget was
        // nearly used up: the bound was tested, not merely never approached.
        assertThat(s.stats().bankEntries()).isLessThan(2 * FRAMES);
        assertThat(s.memoryBytes()).isGreaterThan(SMALL_BUDGET * 8 / 10);
    }

    @Test
    void unboundedBankGrowsWhereBoundedBankPlateaus() {
        OnlineSegmenter bounded = new OnlineSegmenter(smallBudget());
        OnlineSegmenter unbounded = new OnlineSegmenter(smallBudget().withText(VosOptions.MEMORY_BUDGET.key(), "unbounded"));
        int[] boundedEntries = new int[FRAMES], unboundedEntries = new int[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            bounded.segment(TWO_OBJECTS.frame(i), RESOURCES);
            unbounded.segment(TWO_OBJECTS.frame(i), RESOURCES);
            boundedEntries[i] = bounded.stats().bankEntries();
            unboundedEntries[i] = unbounded.stats().bankEntries();
            if (i > 0) assertThat(unboundedEntries[i]).as("unbounded entries at frame %d", i).isGreaterThan(unboundedEntries[i - 1]);
        }
        assertThat(boundedEntries[FRAMES - 1]).isEqualTo(boundedEntries[FRAMES / 2]);
        assertThat(unboundedEntries[FRAMES - 1]).isGreaterThan(boundedEntries[FRAMES - 1]);
        assertThat(unbounded.memoryBytes()).isGreaterThan(SMALL_BUDGET);
    }
}

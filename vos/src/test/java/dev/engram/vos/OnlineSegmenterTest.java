package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.restore;
import static dev.engram.vos.SegmenterStreams.run;
import static dev.engram.vos.SegmenterStreams.smallBudget;
import static dev.engram.vos.SegmenterStreams.state;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnlineSegmenterTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    @Test
    void sameSeedAndFramesGiveIdenticalMasks() {
        VosOptions options = SegmenterStreams.builtIn().with(VosOptions.UPDATE_EVERY, 2);
        OnlineSegmenter a = new OnlineSegmenter(options);
        OnlineSegmenter b = new OnlineSegmenter(options);
        assertThat(run(a, TWO_OBJECTS, 0, 8)).isEqualTo(run(b, TWO_OBJECTS, 0, 8));
        assertThat(state(a)).isEqualTo(state(b));
    }

    @Test
    void differentSeedsGiveDifferentMasks() {
        // The seed draws the random features, so the models (and a few boundary pixels) differ.
        // Everything is deterministic, so this is a fixed fact about these eight frames, not luck.
        OnlineSegmenter a = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.SEED, 42L));
        OnlineSegmenter b = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.SEED, 43L));
        assertThat(run(a, TWO_OBJECTS, 0, 8)).isNotEqualTo(run(b, TWO_OBJECTS, 0, 8));
    }

    @org.junit.jupiter.api.Test
    void withThePackagedBackboneARestoredLearnerMeetsAFreshSessionAndContinuesIdentically() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.engram.vos.features.PackagedBackbone.present(),
                "packaged backbone not fetched (vos/fetch-backbone.sh)");
        VosOptions o = VosOptions.defaults().with(VosOptions.UPDATE_EVERY, 1).with(VosOptions.MAX_OBJECTS, 2);
        OnlineSegmenter original = new OnlineSegmenter(o);
        run(original, TWO_OBJECTS, 0, 5);
        OnlineSegmenter restored = restore(state(original));
        try (SegmenterResources fresh = new SegmenterResources()) {
            for (int i = 5; i < 9; i++) {
                Mask expected = original.segment(TWO_OBJECTS.frame(i), RESOURCES);
                Mask actual = restored.segment(TWO_OBJECTS.frame(i), fresh);
                assertThat(actual.ids).as("mask of frame %d after restore", i).isEqualTo(expected.ids);
            }
        }
        assertThat(state(restored)).isEqualTo(state(original));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "reservoir", "rmscl"})
    void restoredLearnerContinuesWithIdenticalMasksAndMemory(String policy) {
        OnlineSegmenter original = new OnlineSegmenter(smallBudget().with(VosOptions.POLICY, policy));
        int n = 6, m = 5;
        run(original, TWO_OBJECTS, 0, n);
        OnlineSegmenter restored = restore(state(original));
        for (int i = n; i < n + m; i++) {
            Mask expected = original.segment(TWO_OBJECTS.frame(i), RESOURCES);
            Mask actual = restored.segment(TWO_OBJECTS.frame(i), RESOURCES);
            assertThat(actual.ids).as("mask of frame %d after restore", i).isEqualTo(expected.ids);
            assertThat(restored.memoryBytes()).as("memory bytes after frame %d", i).isEqualTo(original.memoryBytes());
            assertThat(restored.stats()).as("stats after frame %d", i).isEqualTo(original.stats());
        }
        assertThat(restored.peakMemoryBytes()).isEqualTo(original.peakMemoryBytes());
        // The bank was full and evicting on both sides of the snapshot, so policy state was exercised.
        assertThat(original.stats().bankEntries()).isLessThan(2 * (n + m));
    }

    @Test
    void restoredLearnerWritesByteIdenticalState() {
        OnlineSegmenter original = new OnlineSegmenter(smallBudget().with(VosOptions.POLICY, "reservoir"));
        run(original, TWO_OBJECTS, 0, 6);
        byte[] snapshot = state(original);
        OnlineSegmenter restored = restore(snapshot);
        assertThat(state(restored)).isEqualTo(snapshot);
        run(original, TWO_OBJECTS, 6, 9);
        run(restored, TWO_OBJECTS, 6, 9);
        assertThat(state(restored)).isEqualTo(state(original));
    }
}

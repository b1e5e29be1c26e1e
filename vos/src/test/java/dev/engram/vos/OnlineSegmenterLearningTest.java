package dev.engram.vos;

import org.junit.jupiter.api.AfterAll;

import static dev.engram.vos.SegmenterStreams.H;
import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.W;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.GatedRegularizer;
import dev.engram.memory.MemoryEntry;
import dev.engram.vos.features.WorkingImage;
import org.junit.jupiter.api.Test;

class OnlineSegmenterLearningTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final int OBJECTS = 2;
    private static final long PIXELS = (long) W * H;
    private static final long PARAMS = OnlineSegmenter.RANDOM_FEATURES + WorkingImage.DIMS + 1;
    /** A frame-memory entry of a full sample: ROWS raw rows, their targets, the frame descriptor. */
    private static final long ENTRY_BYTES = 4L * (ObjectTrack.ROWS * WorkingImage.DIMS + ObjectTrack.ROWS
            + FrameDescriptor.length(WorkingImage.DIMS)) + MemoryEntry.OVERHEAD_BYTES;
    private static final long GRCL_STATE_BYTES = 8 * PARAMS + GatedRegularizer.OVERHEAD_BYTES;

    private static VosOptions unbounded() {
        return SegmenterStreams.builtIn().withText("vos.memory-budget", "unbounded");
    }

    /**
     * Bytes not explained by the previous gray image, each object's map and model, and the bank's
     * entries: the GRCL model states (every entry here is a full sample, checked by the zero residual
     * with GRCL off).
     */
    private static long grclBytes(OnlineSegmenter s) {
        SegmenterStats st = s.stats();
        // Previous gray image; per object its map, model, anchor gray image and mask; the bank entries.
        return s.memoryBytes() - (PIXELS + st.objects() * (4 * PIXELS + 4 * PARAMS + 2 * PIXELS) + st.bankEntries() * ENTRY_BYTES);
    }

    @Test
    void updatesAndBankEntriesGrowEveryUpdateEveryFrames() {
        OnlineSegmenter s = new OnlineSegmenter(unbounded().withText("vos.update-every", "3"));
        for (int i = 0; i < 10; i++) {
            s.segment(TWO_OBJECTS.frame(i), RESOURCES);
            // One fit per object on its annotation, then one per object on every third frame.
            long expected = OBJECTS * (1 + i / 3);
            assertThat(s.stats().updates()).as("updates after frame %d", i).isEqualTo(expected);
            assertThat(s.stats().bankEntries()).as("bank entries after frame %d", i).isEqualTo((int) expected);
        }
    }

    @Test
    void rmsclNeverReconstructsAFrameFromItsOwnEntry() {
        // Frames seen once each (the camera keeps moving), an update every frame: each update's selection
        // must come from earlier frames only, and (with more than the anchor in memory) include some.
        OnlineSegmenter s = new OnlineSegmenter(unbounded().with(VosOptions.UPDATE_EVERY, 1));
        int withHistory = 0;
        for (int i = 0; i < 12; i++) {
            s.segment(TWO_OBJECTS.frame(i), RESOURCES);
            if (i == 0) continue;
            for (ObjectTrack t : s.tracksForTest()) {
                assertThat(t.lastSelection).as("frames selected at frame %d", i).doesNotContain((long) i);
                for (long f : t.lastSelection) assertThat(f).isLessThan(i);
                if (t.lastSelection.length > 1) withHistory++;
            }
        }
        assertThat(withHistory).isPositive();
    }

    @Test
    void descriptorsTellFramesApartWithMoreDimensionsThanAFullMemoryHasEntries() {
        OnlineSegmenter s = new OnlineSegmenter(SegmenterStreams.builtIn().with(VosOptions.UPDATE_EVERY, 1));
        for (int i = 0; i < 6; i++) s.segment(TWO_OBJECTS.frame(i), RESOURCES);
        var entries = s.tracksForTest().get(0).bank.entries();
        float[] a = entries.get(1).descriptor(), b = entries.get(entries.size() - 1).descriptor();
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        assertThat(Math.sqrt(na)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot / Math.sqrt(na * nb)).as("cosine of two different frames' descriptors").isLessThan(0.9999);
        // The 16 MiB default budget holds far fewer entries than a descriptor has dimensions.
        long entryBytes = ENTRY_BYTES;
        assertThat((long) a.length).isGreaterThan((16L << 20) / entryBytes);
    }

    @Test
    void nothingIsLearnedWhenOnlineUpdatesAreOff() {
        OnlineSegmenter s = new OnlineSegmenter(unbounded().withText("vos.update-every", "1")
                .withText("vos.online-updates", "off"));
        s.segment(TWO_OBJECTS.frame(0), RESOURCES);
        SegmenterStats first = s.stats();
        for (int i = 1; i < 6; i++) {
            s.segment(TWO_OBJECTS.frame(i), RESOURCES);
            assertThat(s.stats().updates()).as("updates after frame %d", i).isEqualTo(OBJECTS);
            assertThat(s.stats().bankEntries()).as("bank entries after frame %d", i).isEqualTo(OBJECTS);
            assertThat(s.stats().lastLoss()).isEqualTo(first.lastLoss());
            assertThat(s.memoryBytes()).isEqualTo(first.memoryBytes());
        }
    }

    @Test
    void grclOffHoldsNoModelStates() {
        OnlineSegmenter off = new OnlineSegmenter(unbounded().with(VosOptions.UPDATE_EVERY, 1).with(VosOptions.GRCL, false));
        OnlineSegmenter on = new OnlineSegmenter(unbounded().with(VosOptions.UPDATE_EVERY, 1));
        long previous = 0;
        for (int i = 0; i < 8; i++) {
            off.segment(TWO_OBJECTS.frame(i), RESOURCES);
            on.segment(TWO_OBJECTS.frame(i), RESOURCES);
            assertThat(grclBytes(off)).as("GRCL bytes with grcl off after frame %d", i).isZero();
            long grcl = grclBytes(on);
            assertThat(grcl).as("GRCL bytes with grcl on after frame %d", i)
                    .isPositive().isGreaterThanOrEqualTo(previous);
            assertThat(grcl % GRCL_STATE_BYTES).isZero();
            previous = grcl;
        }
        // An anchor state per object from its annotation, and more as the model keeps learning.
        assertThat(previous).isGreaterThan(OBJECTS * GRCL_STATE_BYTES);
    }
}

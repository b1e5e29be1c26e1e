package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MemoryEntryTest {

    @Test
    void bytesCountsEveryFloatPlusTheFixedOverhead() {
        MemoryEntry e = new MemoryEntry(3, false, 0.5f, 2, 3, new float[6], new float[2], new float[4]);
        assertThat(e.bytes()).isEqualTo(4L * (6 + 2 + 4) + 64);
        assertThat(MemoryEntry.OVERHEAD_BYTES).isEqualTo(64);
    }

    @Test
    void rejectsFeaturesThatAreNotRowsTimesDims() {
        assertThatThrownBy(() -> new MemoryEntry(0, false, 1f, 2, 3, new float[5], new float[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features has 5 values but rows x dims = 2 x 3 = 6");
    }

    @Test
    void rejectsTargetsThatAreNotOnePerRow() {
        assertThatThrownBy(() -> new MemoryEntry(0, false, 1f, 2, 3, new float[6], new float[3], new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targets has 3 values but rows = 2");
    }

    @Test
    void rejectsNanAndInfinityNamingTheArrayAndIndex() {
        float[] features = new float[6];
        features[4] = Float.NaN;
        assertThatThrownBy(() -> new MemoryEntry(0, false, 1f, 2, 3, features, new float[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features[4] is NaN");
        assertThatThrownBy(() -> new MemoryEntry(0, false, 1f, 2, 3, new float[6], new float[2],
                new float[] {Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("descriptor[0] is Infinity");
    }

    @Test
    void copiesArraysSoCallersCannotMutateIt() {
        float[] descriptor = {1f, 2f};
        MemoryEntry e = Frames.entry(1, descriptor);
        descriptor[0] = 99f;
        e.descriptor()[1] = 99f;
        assertThat(e.descriptor()).containsExactly(1f, 2f);
    }

    @Test
    void roundTripsBitExactly() throws IOException {
        MemoryEntry e = new MemoryEntry(7, true, 0.25f, 2, 2, new float[] {-0f, 1e-40f, 3f, -4f},
                new float[] {0f, 1f}, new float[] {0.5f});
        byte[] first = Frames.snapshot(e::write);
        MemoryEntry back = MemoryEntry.read(Frames.input(first));
        assertThat(back).isEqualTo(e);
        assertThat(Frames.snapshot(back::write)).isEqualTo(first);
    }

    @Test
    void unknownFormatVersionIsAnIoException() throws IOException {
        byte[] bytes = Frames.withVersion(Frames.snapshot(Frames.entry(1, 1f)::write), 99);
        assertThatThrownBy(() -> MemoryEntry.read(Frames.input(bytes)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown MemoryEntry format version 99");
    }
}

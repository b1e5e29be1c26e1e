package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static SelectionPolicy policy(String name) {
        return SelectionPolicy.named(name, 99);
    }

    /** Deterministic stream of entries with varied sizes and descriptors, frame {@code f} first seen at offer f. */
    private static MemoryEntry streamEntry(long f) {
        int rows = 1 + (int) ((f * 7) % 5);
        float[] d = {(float) Math.sin(f), (float) Math.cos(0.7 * f), (f % 3) / 3f, 0.2f};
        return Frames.entry(f, f == 0, rows, d);
    }

    private static FrameMemory filled(String name, int offers) {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(700), policy(name));
        for (long f = 0; f < offers; f++) m.offer(streamEntry(f));
        return m;
    }

    private static FrameMemory restore(byte[] bytes) throws IOException {
        return FrameMemory.read(Frames.input(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "reservoir", "rmscl"})
    void frameMemorySnapshotRoundTripsBitExactly(String name) throws IOException {
        FrameMemory m = filled(name, 40);
        byte[] first = Frames.snapshot(m::write);
        FrameMemory back = restore(first);
        assertThat(Frames.snapshot(back::write)).isEqualTo(first);
        assertThat(back.entries()).isEqualTo(m.entries());
        assertThat(back.bytes()).isEqualTo(m.bytes());
        assertThat(back.peakBytes()).isEqualTo(m.peakBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "reservoir", "rmscl"})
    void restoredMemoryMakesTheSameFutureDecisions(String name) throws IOException {
        FrameMemory original = filled(name, 30);
        FrameMemory restored = restore(Frames.snapshot(original::write));
        float[] query = {0.3f, -0.5f, 0.1f, 0.2f};
        for (long f = 30; f < 90; f++) {
            assertThat(restored.offer(streamEntry(f))).as("offer %d", f).isEqualTo(original.offer(streamEntry(f)));
            assertThat(restored.selectForUpdate(query, 3)).isEqualTo(original.selectForUpdate(query, 3));
        }
        assertThat(Frames.snapshot(restored::write)).isEqualTo(Frames.snapshot(original::write));
    }

    @Test
    void reservoirKeepsDrawingTheSameNumbersAfterRestore() throws IOException {
        FrameMemory original = filled("reservoir", 25);
        FrameMemory restored = restore(Frames.snapshot(original::write));
        List<OfferResult> a = new ArrayList<>(), b = new ArrayList<>();
        for (long f = 25; f < 200; f++) {
            a.add(original.offer(streamEntry(f)));
            b.add(restored.offer(streamEntry(f)));
        }
        assertThat(b).isEqualTo(a);
        assertThat(a).anyMatch(r -> r.outcome() == OfferResult.Outcome.DROPPED)
                .anyMatch(r -> r.outcome() == OfferResult.Outcome.REPLACED);
    }

    @Test
    void unknownFrameMemoryVersionIsAnIoException() throws IOException {
        byte[] bytes = Frames.withVersion(Frames.snapshot(filled("fifo", 3)::write), 2);
        assertThatThrownBy(() -> restore(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown FrameMemory format version 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "reservoir", "rmscl"})
    void unknownPolicyVersionIsAnIoException(String name) throws IOException {
        byte[] bytes = Frames.withVersion(Frames.snapshot(policy(name)::write), 7);
        assertThatThrownBy(() -> SelectionPolicy.read(Frames.input(bytes))).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown SelectionPolicy format version 7");
    }

    @Test
    void readingAnotherPolicysStateIsAnIoException() throws IOException {
        byte[] bytes = Frames.snapshot(new ReservoirPolicy(1)::write);
        assertThatThrownBy(() -> WeightedFifoPolicy.read(Frames.input(bytes))).isInstanceOf(IOException.class)
                .hasMessageContaining("expected a 'fifo' policy state but found 'reservoir'");
    }

    @Test
    void policyReadsBackItsConfiguration() throws IOException {
        RmsclPolicy p = RmsclPolicy.builder().topK(7).lambda1(0.2).lambda2(0.3).sweeps(11).anchorFloor(0.4).build();
        RmsclPolicy back = RmsclPolicy.read(Frames.input(Frames.snapshot(p::write)));
        assertThat(back.topK()).isEqualTo(7);
        assertThat(back.lambda1()).isEqualTo(0.2);
        assertThat(back.lambda2()).isEqualTo(0.3);
        assertThat(back.sweeps()).isEqualTo(11);
        assertThat(back.anchorFloor()).isEqualTo(0.4);
        assertThat(back.recentFraction()).isEqualTo(RmsclPolicy.DEFAULT_RECENT_FRACTION);
        RmsclPolicy shared = RmsclPolicy.read(Frames.input(Frames.snapshot(RmsclPolicy.builder().recentFraction(0.375).build()::write)));
        assertThat(shared.recentFraction()).isEqualTo(0.375);
    }

    @Test
    void aMemoryWithARecentShareRoundTripsAndDecidesTheSameAfterRestore() throws IOException {
        FrameMemory m = new FrameMemory(MemoryBudget.ofBytes(700), RmsclPolicy.builder().recentFraction(0.5).build());
        for (long f = 0; f < 40; f++) m.offer(streamEntry(f));
        byte[] bytes = Frames.snapshot(m::write);
        FrameMemory back = restore(bytes);
        assertThat(Frames.snapshot(back::write)).isEqualTo(bytes);
        for (long f = 40; f < 70; f++) assertThat(back.offer(streamEntry(f))).isEqualTo(m.offer(streamEntry(f)));
        assertThat(back.entries()).extracting(MemoryEntry::frameIndex)
                .containsExactlyElementsOf(m.entries().stream().map(MemoryEntry::frameIndex).toList());
    }

    /**
     * A policy written before the recent share existed (format 1, the bytes a share of 0 still writes)
     * reads with no share, so a restored stream evicts as it did; other policies keep format 1 only.
     */
    @Test
    void anRmsclStateOfTheFirstFormatReadsWithoutARecentShare() throws IOException {
        // the first format's layout, written by hand: version, tag, topK, λ₁, λ₂, sweeps, anchor floor
        byte[] first = Frames.snapshot(out -> {
            out.writeInt(1);
            out.writeUTF("rmscl");
            out.writeInt(3);
            out.writeDouble(0.01);
            out.writeDouble(0.01);
            out.writeInt(200);
            out.writeDouble(0.25);
        });
        assertThat(Frames.snapshot(RmsclPolicy.builder().topK(3).recentFraction(0).build()::write)).isEqualTo(first);
        RmsclPolicy back = (RmsclPolicy) SelectionPolicy.read(Frames.input(first));
        assertThat(back.recentFraction()).isZero();
        assertThat(back.topK()).isEqualTo(3);
        assertThat(Frames.snapshot(back::write)).isEqualTo(first);
        assertThat(java.nio.ByteBuffer.wrap(Frames.snapshot(RmsclPolicy.builder().recentFraction(0.5).build()::write)).getInt()).isEqualTo(2);
        byte[] fifoAsTwo = Frames.withVersion(Frames.snapshot(new WeightedFifoPolicy()::write), 2);
        assertThatThrownBy(() -> SelectionPolicy.read(Frames.input(fifoAsTwo))).isInstanceOf(IOException.class)
                .hasMessageContaining("'fifo' policy state has format version 2");
        assertThatThrownBy(() -> WeightedFifoPolicy.read(Frames.input(fifoAsTwo))).isInstanceOf(IOException.class)
                .hasMessageContaining("'fifo' policy state has format version 2");
        byte[] reservoirAsTwo = Frames.withVersion(Frames.snapshot(new ReservoirPolicy(3)::write), 2);
        assertThatThrownBy(() -> ReservoirPolicy.read(Frames.input(reservoirAsTwo))).isInstanceOf(IOException.class)
                .hasMessageContaining("'reservoir' policy state has format version 2");
    }
}

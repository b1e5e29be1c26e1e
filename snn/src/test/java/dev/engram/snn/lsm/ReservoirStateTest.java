package dev.engram.snn.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReservoirStateTest {

    /** A seeded random 34x34 recording: a moving blob of events, ~300 ms. */
    static EventBatch syntheticSample(long seed, int events) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EventBatch b = new EventBatch(events);
        for (int i = 0; i < events; i++) {
            long t = (long) i * 300_000 / events;
            int cx = 8 + (int) (18 * t / 300_000);
            b.add(Math.min(33, cx + rnd.nextInt(8)), 5 + rnd.nextInt(24), rnd.nextBoolean(), t);
        }
        return b;
    }

    private static OptionSet options(long seed) {
        return LsmOptions.defaults().with(LsmOptions.NEURONS, 300).with(LsmOptions.SEED, seed)
                .with(LsmOptions.TAU_SYNAPSE_MS, 3.0);
    }

    private static byte[] bytesOf(ReservoirState s) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        s.write(new DataOutputStream(bos));
        return bos.toByteArray();
    }

    @Test
    void sameSeedBuildsSameReservoirAndFeatures() {
        LifReservoir a = LifReservoir.build(options(5), 34, 34);
        LifReservoir b = LifReservoir.build(options(5), 34, 34);
        assertThat(a.synTarget).isEqualTo(b.synTarget);
        assertThat(a.synWeight).isEqualTo(b.synWeight);
        assertThat(a.inTarget).isEqualTo(b.inTarget);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        EventBatch sample = syntheticSample(3, 4000);
        float[] fa = new float[new ReservoirFeatures(a).dimension()];
        float[] fb = new float[fa.length];
        new ReservoirFeatures(a).encode(sample, fa);
        new ReservoirFeatures(b).encode(sample, fb);
        assertThat(fa).isEqualTo(fb);
        assertThat(sum(fa)).isGreaterThan(0);
    }

    @Test
    void differentSeedBuildsDifferentReservoir() {
        LifReservoir a = LifReservoir.build(options(5), 34, 34);
        LifReservoir b = LifReservoir.build(options(6), 34, 34);
        assertThat(a.synTarget).isNotEqualTo(b.synTarget);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void restoredStateContinuesIdentically() throws IOException {
        LifReservoir r = LifReservoir.build(options(9), 34, 34);
        EventBatch sample = syntheticSample(4, 5000);
        int half = 2345;
        ReservoirState original = r.newState();
        List<long[]> before = new ArrayList<>();
        original.accept(sample.x(), sample.y(), sample.polarity(), sample.tUs(), 0, half, (n, s) -> before.add(new long[] {n, s}));
        byte[] snapshot = bytesOf(original);

        ReservoirState restored = r.newState();
        restored.read(new DataInputStream(new ByteArrayInputStream(snapshot)));
        assertThat(bytesOf(restored)).isEqualTo(snapshot);

        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        original.accept(sample.x(), sample.y(), sample.polarity(), sample.tUs(), half, sample.size(), (n, s) -> a.add(n + "@" + s));
        original.advanceTo(400_000, (n, s) -> a.add(n + "@" + s));
        restored.accept(sample.x(), sample.y(), sample.polarity(), sample.tUs(), half, sample.size(), (n, s) -> b.add(n + "@" + s));
        restored.advanceTo(400_000, (n, s) -> b.add(n + "@" + s));
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(bytesOf(restored)).isEqualTo(bytesOf(original));
    }

    @Test
    void stateSizeIsFixedByNeuronCount() {
        LifReservoir r = LifReservoir.build(options(1), 34, 34);
        ReservoirState s = r.newState();
        long bytes = s.bytes();
        for (int k = 0; k < 5; k++) s.accept(syntheticSample(k, 3000), SpikeListener.NONE);
        assertThat(s.bytes()).isEqualTo(bytes).isEqualTo(11L * 4 * 300 + 64);
    }

    @Test
    void refusesStateOfAnotherReservoir() throws IOException {
        byte[] snapshot = bytesOf(LifReservoir.build(options(1), 34, 34).newState());
        ReservoirState other = LifReservoir.build(options(2), 34, 34).newState();
        assertThatThrownBy(() -> other.read(new DataInputStream(new ByteArrayInputStream(snapshot))))
                .isInstanceOf(IOException.class).hasMessageContaining("another reservoir");
    }

    @Test
    void eventDrivenMatchesDenseReference() {
        LifReservoir r = LifReservoir.build(options(11), 34, 34);
        EventBatch sample = syntheticSample(8, 4000);
        int[] dense = new DenseLifSimulator(r).run(sample);
        int[] sparse = new int[r.neurons()];
        ReservoirState s = r.newState();
        s.accept(sample, (n, step) -> sparse[n]++);
        s.advanceTo(sample.tUs()[sample.size() - 1] + r.stepUs(), (n, step) -> sparse[n]++);
        long total = 0, diff = 0;
        for (int i = 0; i < dense.length; i++) {
            total += dense[i];
            diff += Math.abs(dense[i] - sparse[i]);
        }
        assertThat(total).isGreaterThan(100);
        // Lazy decay multiplies by a^k once where the dense loop multiplies k times: float rounding only.
        assertThat(diff).isLessThanOrEqualTo(total / 100);
    }

    @Test
    void eventsOutsideTheSensorAreDroppedAndCounted() {
        LifReservoir r = LifReservoir.build(options(1), 34, 34);
        ReservoirState s = r.newState();
        EventBatch b = new EventBatch(16);
        b.add(40, 1, true, 0);
        b.add(1, -1, false, 10);
        b.add(3, 3, true, 20);
        s.accept(b, SpikeListener.NONE);
        assertThat(s.droppedEvents()).isEqualTo(2);
        assertThat(s.inputEvents()).isEqualTo(1);
    }

    private static double sum(float[] f) {
        double s = 0;
        for (float v : f) s += v;
        return s;
    }
}

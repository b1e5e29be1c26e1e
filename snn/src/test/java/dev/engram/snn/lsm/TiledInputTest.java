package dev.engram.snn.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TiledInputTest {
    static OptionSet tiled(int maps, int kernel, int stride, int pool) {
        return LsmOptions.defaults().with(LsmOptions.NEURONS, 0).with(LsmOptions.INPUT_KIND, "tiled").with(LsmOptions.INPUT_POOL, 1)
                .with(LsmOptions.INPUT_MAPS, maps).with(LsmOptions.INPUT_KERNEL, kernel).with(LsmOptions.INPUT_STRIDE, stride)
                .with(LsmOptions.FEATURE_POOL, pool).with(LsmOptions.CONNECTION_PROBABILITY, 0.0);
    }

    @Test
    void neuronsAreTheMapsTimesTheGridOfReceptiveFields() {
        LifReservoir r = LifReservoir.build(tiled(4, 6, 2, 2), 34, 34);
        assertThat(r.neurons()).isEqualTo(4 * 15 * 15);
        assertThat(r.featureCells()).isEqualTo(4 * 8 * 8);
        assertThat(LifReservoir.featureDimension(tiled(4, 6, 2, 2), 34, 34)).isEqualTo(3 * 4 * 8 * 8);
        assertThat(new ReservoirFeatures(r).dimension()).isEqualTo(3 * 4 * 8 * 8);
        // Each pixel-polarity channel reaches every map at each window covering it: 3 x 3 positions inside the sensor.
        assertThat(r.inputSynapses()).isLessThanOrEqualTo(2 * 34 * 34 * 4 * 9);
    }

    @Test
    void anExplicitNeuronCountMustMatchTheLayout() {
        assertThat(LifReservoir.build(tiled(2, 6, 2, 1).with(LsmOptions.NEURONS, 450), 34, 34).neurons()).isEqualTo(450);
        assertThatThrownBy(() -> LifReservoir.build(tiled(2, 6, 2, 1).with(LsmOptions.NEURONS, 1000), 34, 34))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set lsm.neurons to 450");
        assertThatThrownBy(() -> LifReservoir.build(LsmOptions.defaults().with(LsmOptions.FEATURE_POOL, 2), 34, 34))
                .hasMessageContaining("lsm.features.pool needs lsm.input.kind=tiled");
        assertThatThrownBy(() -> LifReservoir.build(LsmOptions.defaults().with(LsmOptions.INPUT_KIND, "conv"), 34, 34))
                .hasMessageContaining("random or tiled");
    }

    /** An event reaches only the neurons whose window covers its pixel; a tiled reservoir without recurrence spikes nowhere else. */
    @Test
    void anEventReachesOnlyNeuronsWhoseWindowCoversIt() {
        OptionSet o = tiled(3, 4, 2, 1).with(LsmOptions.WEIGHT_INPUT, 5.0).with(LsmOptions.REFRACTORY_STEPS, 0);
        LifReservoir r = LifReservoir.build(o, 20, 20);
        int grid = (20 - 4) / 2 + 1;
        ReservoirState s = r.newState();
        Set<Integer> fired = new HashSet<>();
        EventBatch b = new EventBatch(64);
        for (int k = 0; k < 40; k++) b.add(9, 4, k % 2 == 0, 1000L * k);
        s.accept(b, (n, step) -> fired.add(n));
        s.advanceTo(100_000, (n, step) -> fired.add(n));
        assertThat(fired).isNotEmpty();
        for (int n : fired) {
            int gx = n % grid, gy = (n / grid) % grid;
            assertThat(9 - 2 * gx).as("x offset of neuron %d", n).isBetween(0, 3);
            assertThat(4 - 2 * gy).as("y offset of neuron %d", n).isBetween(0, 3);
        }
    }

    @Test
    void pooledCellsSumNeighbouringPositionsOfOneMap() {
        LifReservoir r = LifReservoir.build(tiled(2, 4, 2, 2), 20, 20);
        int grid = 9, cells = 5;
        for (int m = 0; m < 2; m++) {
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    int neuron = (m * grid + gy) * grid + gx;
                    assertThat(r.featureCell(neuron)).isEqualTo((m * cells + gy / 2) * cells + gx / 2);
                }
            }
        }
    }

    @Test
    void sameOptionsSameReservoirOtherSeedOtherKernels() {
        EventBatch b = ReservoirStateTest.syntheticSample(5, 3000);
        float[] a = features(LifReservoir.build(tiled(4, 6, 2, 2), 34, 34), b);
        assertThat(features(LifReservoir.build(tiled(4, 6, 2, 2), 34, 34), b)).isEqualTo(a);
        assertThat(features(LifReservoir.build(tiled(4, 6, 2, 2).with(LsmOptions.SEED, 9L), 34, 34), b)).isNotEqualTo(a);
        float[] sqrt = features(LifReservoir.build(tiled(4, 6, 2, 2).with(LsmOptions.FEATURE_SQRT, true), 34, 34), b);
        for (int j = 0; j < a.length; j++) assertThat(sqrt[j]).isEqualTo((float) Math.sqrt(a[j]));
    }

    /** The fingerprint of a reservoir using only the first release's options is what that release computed (states restore). */
    @Test
    void optionsAddedLaterLeaveTheFirstReleasesFingerprintAlone() {
        LifReservoir r = LifReservoir.build(LsmOptions.defaults(), 34, 34);
        java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
        for (var opt : LsmOptions.FIRST) first.put(opt.key(), LsmOptions.defaults().get(opt));
        long h = 0xcbf29ce484222325L;
        for (byte c : (first + "|34x34").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= c & 0xFF;
            h *= 0x100000001b3L;
        }
        assertThat(r.fingerprint()).isEqualTo(h);
        assertThat(LifReservoir.build(LsmOptions.defaults().with(LsmOptions.FEATURE_SQRT, true), 34, 34).fingerprint()).isNotEqualTo(h);
    }

    private static float[] features(LifReservoir r, EventBatch b) {
        ReservoirFeatures f = new ReservoirFeatures(r);
        float[] x = new float[f.dimension()];
        f.encode(b, x);
        return x;
    }
}

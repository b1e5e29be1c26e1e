package dev.engram.snn.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifDynamicsTest {

    /** One neuron on a 1x1 sensor; every input event adds exactly {@code w}. */
    private static OptionSet singleNeuron(double w, int refractory) {
        return LsmOptions.defaults()
                .with(LsmOptions.NEURONS, 1)
                .with(LsmOptions.CONNECTION_PROBABILITY, 0.0)
                .with(LsmOptions.INPUT_FANOUT, 1)
                .with(LsmOptions.WEIGHT_INPUT, w)
                .with(LsmOptions.WEIGHT_JITTER, 0.0)
                .with(LsmOptions.TAU_MEMBRANE_MS, 20.0)
                .with(LsmOptions.TAU_SYNAPSE_MS, 0.0)
                .with(LsmOptions.THRESHOLD, 1.0)
                .with(LsmOptions.REFRACTORY_STEPS, refractory)
                .with(LsmOptions.STEP_US, 1000L);
    }

    private static EventBatch regularInput(int count, long periodUs) {
        EventBatch b = new EventBatch(Math.max(16, count));
        for (int i = 0; i < count; i++) b.add(0, 0, true, i * periodUs);
        return b;
    }

    private static List<Integer> spikeSteps(LifReservoir r, EventBatch input) {
        List<Integer> steps = new ArrayList<>();
        ReservoirState s = r.newState();
        s.reset(0);
        s.accept(input, (n, step) -> steps.add(step));
        s.advanceTo(input.tUs()[input.size() - 1] + r.stepUs(), (n, step) -> steps.add(step));
        return steps;
    }

    @Test
    void constantRateInputFiresAtComputedSteps() {
        double w = 0.3;
        int refractory = 2;
        LifReservoir r = LifReservoir.build(singleNeuron(w, refractory), 1, 1);
        // v_n = w (1 - a^n) / (1 - a) after n inputs from rest: the first n with v_n >= 1.
        double a = Math.exp(-1.0 / 20.0);
        int n = (int) Math.ceil(Math.log(1 - (1 - a) / w) / Math.log(a));
        assertThat(n).isEqualTo(4);
        List<Integer> expected = new ArrayList<>();
        for (int s = n - 1; s < 60; s += n + refractory) expected.add(s);

        assertThat(spikeSteps(r, regularInput(60, 1000))).containsExactlyElementsOf(expected);
    }

    @Test
    void sparseInputDecaysBetweenEventsAsComputed() {
        // An input every 5 steps: v before the k-th input is the geometric sum of decayed inputs.
        double w = 0.45;
        LifReservoir r = LifReservoir.build(singleNeuron(w, 0), 1, 1);
        double a5 = Math.exp(-5.0 / 20.0);
        double v = 0;
        int k = 0;
        while (v < 1) {
            v = v * a5 + w;
            k++;
        }
        assertThat(spikeSteps(r, regularInput(k + 1, 5000))).first().isEqualTo((k - 1) * 5);
    }

    @Test
    void refractoryNeuronIgnoresInput() {
        LifReservoir r = LifReservoir.build(singleNeuron(1.5, 3), 1, 1);
        // Every input alone crosses the threshold; only the refractory period spaces the spikes.
        assertThat(spikeSteps(r, regularInput(12, 1000))).containsExactly(0, 4, 8);
    }

    @Test
    void inhibitorySpikeLowersPotentialAndExcitatoryRaisesIt() {
        OptionSet o = LsmOptions.defaults()
                .with(LsmOptions.NEURONS, 2)
                .with(LsmOptions.EXCITATORY_FRACTION, 0.5)
                .with(LsmOptions.CONNECTION_PROBABILITY, 1.0)
                .with(LsmOptions.WEIGHT_EXCITATORY, 0.25)
                .with(LsmOptions.WEIGHT_INHIBITORY, 0.4)
                .with(LsmOptions.WEIGHT_JITTER, 0.0)
                .with(LsmOptions.INPUT_FANOUT, 2)
                .with(LsmOptions.WEIGHT_INPUT, 1.5)
                .with(LsmOptions.REFRACTORY_STEPS, 0);
        LifReservoir r = LifReservoir.build(o, 1, 1);
        assertThat(r.weight(0, 1)).isEqualTo(0.25f);
        assertThat(r.weight(1, 0)).isEqualTo(-0.4f);
        ReservoirState s = r.newState();
        s.reset(0);
        List<Integer> spikes = new ArrayList<>();
        s.accept(regularInput(1, 1000), (n, step) -> spikes.add(n));
        s.advanceTo(2000, (n, step) -> spikes.add(n));
        assertThat(spikes).containsExactlyInAnyOrder(0, 1);
        // Step 1: each neuron gets only the other's spike from step 0.
        assertThat(s.potential(0)).isCloseTo(-0.4f, within(1e-6f));
        assertThat(s.potential(1)).isCloseTo(0.25f, within(1e-6f));
    }

    @Test
    void potentialDecaysLazilyWhileIdle() {
        LifReservoir r = LifReservoir.build(singleNeuron(0.5, 0), 1, 1);
        ReservoirState s = r.newState();
        s.reset(0);
        s.accept(regularInput(1, 1000), SpikeListener.NONE);
        s.advanceTo(101_000, SpikeListener.NONE);
        assertThat(s.step()).isEqualTo(101);
        assertThat((double) s.potential(0)).isCloseTo(0.5 * Math.exp(-100.0 / 20.0), within(1e-6));
    }

    @Test
    void currentSynapsesSpreadOneInputOverLaterSteps() {
        OptionSet o = singleNeuron(0.3, 0).with(LsmOptions.TAU_SYNAPSE_MS, 5.0);
        LifReservoir r = LifReservoir.build(o, 1, 1);
        ReservoirState s = r.newState();
        s.reset(0);
        s.accept(regularInput(1, 1000), SpikeListener.NONE);
        s.advanceTo(3000, SpikeListener.NONE);
        // v0 = w; v1 = a v0 + as w; v2 = a v1 + as^2 w, all below the threshold
        double a = Math.exp(-1 / 20.0), as = Math.exp(-1 / 5.0);
        double v = 0.3;
        v = a * v + as * 0.3;
        v = a * v + as * as * 0.3;
        assertThat((double) s.potential(0)).isCloseTo(v, within(1e-5));
    }
}

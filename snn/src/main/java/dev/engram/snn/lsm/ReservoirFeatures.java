package dev.engram.snn.lsm;

import dev.engram.snn.events.EventBatch;
import java.util.Arrays;

/**
 * Reservoir features of one sample: the sample runs through a fresh {@link ReservoirState} (clock
 * starting at its first event), and the features are each neuron's spike count in each of
 * {@code lsm.features.bins} equal time bins spanning the sample, layout {@code [bin][neuron]}; with
 * {@code lsm.features.traces} a second block follows holding, per bin and neuron, an exponentially
 * decaying trace of the neuron's spikes read at the end of the bin. Deterministic; holds one state,
 * so one instance per thread ({@link #copy()}).
 */
public final class ReservoirFeatures implements SampleEncoder {
    private final LifReservoir reservoir;
    private final ReservoirState state;
    private final int bins;
    private final boolean traces;
    private final double traceTauUs;

    public ReservoirFeatures(LifReservoir reservoir) {
        this.reservoir = reservoir;
        this.state = reservoir.newState();
        this.bins = reservoir.options().get(LsmOptions.FEATURE_BINS);
        this.traces = reservoir.options().get(LsmOptions.FEATURE_TRACES);
        this.traceTauUs = reservoir.options().get(LsmOptions.TRACE_TAU_MS) * 1000.0;
        if (bins < 1) throw new IllegalArgumentException("lsm.features.bins must be positive");
    }

    public LifReservoir reservoir() { return reservoir; }

    /** The state used for the last sample (for counters such as spikes and synaptic events). */
    public ReservoirState state() { return state; }

    @Override
    public int dimension() {
        return bins * reservoir.neurons() * (traces ? 2 : 1);
    }

    @Override
    public void encode(EventBatch sample, float[] out) {
        int neurons = reservoir.neurons();
        Arrays.fill(out, 0, dimension(), 0f);
        int n = sample.size();
        if (n == 0) return;
        long t0 = sample.tUs()[0];
        long t1 = sample.tUs()[n - 1];
        long stepUs = reservoir.stepUs();
        int traceBase = bins * neurons;
        double span = (double) (t1 - t0 + 1) / bins;
        state.reset(t0);
        SpikeListener listener = (neuron, step) -> {
            long t = t0 + step * stepUs;
            int b = SampleEncoder.bin(t, t0, t1, bins);
            out[b * neurons + neuron] += 1f;
            if (traces) {
                double end = t0 + (b + 1) * span;
                out[traceBase + b * neurons + neuron] += (float) Math.exp(-(end - t) / traceTauUs);
            }
        };
        state.accept(sample, listener);
        state.advanceTo(t1 + stepUs, listener);
    }

    @Override
    public SampleEncoder copy() { return new ReservoirFeatures(reservoir); }

    @Override
    public String name() { return "lsm-" + reservoir.neurons(); }
}

package dev.engram.snn.lsm;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.util.Arrays;

/**
 * Reservoir features of one sample: the sample runs through a fresh {@link ReservoirState} (clock
 * starting at its first event), and the features are each neuron's spike count in each of
 * {@code lsm.features.bins} equal time bins spanning the sample, layout {@code [bin][cell]} where a
 * cell is a neuron or, with a tiled input and {@code lsm.features.pool}, a pooled block of a map
 * ({@link LifReservoir#featureCell}); with {@code lsm.features.traces} a second block follows holding,
 * per bin and cell, an exponentially decaying trace of the spikes read at the end of the bin; with
 * {@code lsm.features.sqrt} every value is replaced by its square root. Deterministic; holds one state,
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
        return dimension(reservoir);
    }

    /** Feature length of a reservoir: bins x feature cells, twice that with traces. */
    public static int dimension(LifReservoir reservoir) {
        OptionSet o = reservoir.options();
        return o.get(LsmOptions.FEATURE_BINS) * reservoir.featureCells() * (o.get(LsmOptions.FEATURE_TRACES) ? 2 : 1);
    }

    /** Applies the reservoir's feature transform ({@code lsm.features.sqrt}) to the first {@code n} accumulated values, in place. */
    public static void transform(LifReservoir reservoir, float[] features, int n) {
        if (!reservoir.options().get(LsmOptions.FEATURE_SQRT)) return;
        for (int j = 0; j < n; j++) features[j] = (float) Math.sqrt(features[j]);
    }

    @Override
    public void encode(EventBatch sample, float[] out) {
        int cells = reservoir.featureCells();
        Arrays.fill(out, 0, dimension(), 0f);
        int n = sample.size();
        if (n == 0) return;
        long t0 = sample.tUs()[0];
        long t1 = sample.tUs()[n - 1];
        long stepUs = reservoir.stepUs();
        int traceBase = bins * cells;
        double span = (double) (t1 - t0 + 1) / bins;
        state.reset(t0);
        SpikeListener listener = (neuron, step) -> {
            long t = t0 + step * stepUs;
            int b = SampleEncoder.bin(t, t0, t1, bins);
            int cell = reservoir.featureCell(neuron);
            out[b * cells + cell] += 1f;
            if (traces) {
                double end = t0 + (b + 1) * span;
                out[traceBase + b * cells + cell] += (float) Math.exp(-(end - t) / traceTauUs);
            }
        };
        state.accept(sample, listener);
        state.advanceTo(t1 + stepUs, listener);
        transform(reservoir, out, dimension());
    }

    @Override
    public SampleEncoder copy() { return new ReservoirFeatures(reservoir); }

    @Override
    public String name() { return "lsm-" + reservoir.neurons(); }
}

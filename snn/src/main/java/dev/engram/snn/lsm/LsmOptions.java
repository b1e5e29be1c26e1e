package dev.engram.snn.lsm;

import dev.engram.memory.Option;
import dev.engram.snn.OptionSet;
import java.util.List;

/**
 * Options of the liquid state machine: reservoir, input mapping, simulation and features. Potentials
 * are in units of the firing threshold's scale: rest and reset are 0, the threshold defaults to 1.
 */
public final class LsmOptions {
    private LsmOptions() {}

    public static final Option<Integer> NEURONS = Option.ofInt("lsm.neurons", 1000,
            "Number of leaky integrate-and-fire neurons in the reservoir; 0 = as many as a tiled input layout has.");
    public static final Option<Double> EXCITATORY_FRACTION = Option.ofDouble("lsm.excitatory-fraction", 0.8,
            "Share of excitatory neurons (positive outgoing weights); the rest are inhibitory.");
    public static final Option<Double> CONNECTION_PROBABILITY = Option.ofDouble("lsm.connection-probability", 0.01,
            "Probability of a recurrent synapse between any ordered pair of distinct neurons.");
    public static final Option<Double> WEIGHT_EXCITATORY = Option.ofDouble("lsm.weight.excitatory", 0.1,
            "Mean weight of a recurrent synapse from an excitatory neuron (see lsm.weight.jitter).");
    public static final Option<Double> WEIGHT_INHIBITORY = Option.ofDouble("lsm.weight.inhibitory", 0.4,
            "Mean magnitude of a recurrent synapse from an inhibitory neuron, applied negatively (see lsm.weight.jitter).");
    public static final Option<Double> WEIGHT_INPUT = Option.ofDouble("lsm.weight.input", 0.5,
            "Mean weight of an input synapse from a pixel-polarity channel (see lsm.weight.jitter).");
    public static final Option<Double> WEIGHT_JITTER = Option.ofDouble("lsm.weight.jitter", 0.5,
            "Each weight is its mean times a uniform factor in [1 - jitter, 1 + jitter] (0 = all weights equal).");
    public static final Option<Integer> INPUT_FANOUT = Option.ofInt("lsm.input.fanout", 8,
            "Number of distinct reservoir neurons each input channel connects to.");
    public static final Option<Integer> INPUT_POOL = Option.ofInt("lsm.input.pool", 2,
            "Pixels are pooled in blocks of pool x pool into one input channel per polarity (1 = no pooling).");
    public static final Option<Double> TAU_MEMBRANE_MS = Option.ofDouble("lsm.tau-membrane-ms", 20.0,
            "Membrane time constant; the potential decays by exp(-step/tau) per step.");
    public static final Option<Double> TAU_SYNAPSE_MS = Option.ofDouble("lsm.tau-synapse-ms", 0.0,
            "Synaptic current time constant; 0 makes synapses instantaneous (a spike adds its weight to the potential).");
    public static final Option<Double> THRESHOLD = Option.ofDouble("lsm.threshold", 1.0,
            "Firing threshold of the membrane potential; after a spike it resets to 0.");
    public static final Option<Integer> REFRACTORY_STEPS = Option.ofInt("lsm.refractory-steps", 2,
            "Steps after a spike during which a neuron is held at 0 and ignores input.");
    public static final Option<Long> STEP_US = Option.ofLong("lsm.step-us", 1000L,
            "Length of one simulation step in microseconds; events within a step arrive together.");
    public static final Option<Long> SEED = Option.ofLong("lsm.seed", 1L,
            "Seed of the reservoir topology, weights and input mapping.");
    public static final Option<Integer> FEATURE_BINS = Option.ofInt("lsm.features.bins", 3,
            "Time bins a sample is split into for spike-count features (3 = one per N-MNIST saccade).");
    public static final Option<Boolean> FEATURE_TRACES = Option.ofBoolean("lsm.features.traces", false,
            "Also emit, per bin and neuron, a low-pass trace of its spikes read at the end of the bin.");
    public static final Option<Double> TRACE_TAU_MS = Option.ofDouble("lsm.features.trace-tau-ms", 30.0,
            "Time constant of the low-pass spike traces.");

    public static final Option<String> INPUT_KIND = Option.ofString("lsm.input.kind", "random",
            "Input mapping: random (each channel to lsm.input.fanout random neurons) or tiled (local receptive fields: "
                    + "every neuron sees a kernel x kernel window of channels through its map's random kernel).");
    public static final Option<Integer> INPUT_MAPS = Option.ofInt("lsm.input.maps", 32,
            "Tiled input: number of random kernels (feature maps); each is tiled over the sensor at lsm.input.stride.");
    public static final Option<Integer> INPUT_KERNEL = Option.ofInt("lsm.input.kernel", 6,
            "Tiled input: side of a receptive field in input channels (pooled pixels); Gaussian weights of mean 0 and "
                    + "standard deviation lsm.weight.input.");
    public static final Option<Integer> INPUT_STRIDE = Option.ofInt("lsm.input.stride", 2,
            "Tiled input: step in input channels between the receptive fields of neighbouring neurons of a map.");
    public static final Option<Integer> FEATURE_POOL = Option.ofInt("lsm.features.pool", 1,
            "Tiled input: spike counts of a map's neurons are summed over pool x pool neighbouring positions (1 = none).");
    public static final Option<Boolean> FEATURE_SQRT = Option.ofBoolean("lsm.features.sqrt", false,
            "Features are square roots of the (pooled) spike counts, which evens out busy and quiet neurons.");

    /** The options of the first release; the fingerprint of a reservoir that uses only these is unchanged (see {@link LifReservoir#fingerprint()}). */
    static final List<Option<?>> FIRST = List.of(NEURONS, EXCITATORY_FRACTION, CONNECTION_PROBABILITY,
            WEIGHT_EXCITATORY, WEIGHT_INHIBITORY, WEIGHT_INPUT, WEIGHT_JITTER, INPUT_FANOUT, INPUT_POOL, TAU_MEMBRANE_MS,
            TAU_SYNAPSE_MS, THRESHOLD, REFRACTORY_STEPS, STEP_US, SEED, FEATURE_BINS, FEATURE_TRACES, TRACE_TAU_MS);

    public static final List<Option<?>> ALL = List.of(NEURONS, EXCITATORY_FRACTION, CONNECTION_PROBABILITY,
            WEIGHT_EXCITATORY, WEIGHT_INHIBITORY, WEIGHT_INPUT, WEIGHT_JITTER, INPUT_FANOUT, INPUT_POOL, TAU_MEMBRANE_MS,
            TAU_SYNAPSE_MS, THRESHOLD, REFRACTORY_STEPS, STEP_US, SEED, FEATURE_BINS, FEATURE_TRACES, TRACE_TAU_MS,
            INPUT_KIND, INPUT_MAPS, INPUT_KERNEL, INPUT_STRIDE, FEATURE_POOL, FEATURE_SQRT);

    public static OptionSet defaults() {
        return OptionSet.defaults(ALL);
    }
}

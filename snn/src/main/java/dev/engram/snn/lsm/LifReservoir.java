package dev.engram.snn.lsm;

import dev.engram.snn.OptionSet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed, seeded, sparse recurrent reservoir of leaky integrate-and-fire neurons and its input
 * mapping from sensor pixels x polarity. Immutable and shareable between streams; the per-stream
 * dynamics live in a {@link ReservoirState} made by {@link #newState()}.
 *
 * <p>Model, in discrete steps of {@code lsm.step-us}: the synaptic current is
 * {@code I[t] = aS * I[t-1] + in[t]} (or {@code in[t]} when {@code lsm.tau-synapse-ms} is 0), where
 * {@code in[t]} sums the weights of the input events of step t and of the recurrent spikes of step
 * t-1; the potential is {@code v[t] = aM * v[t-1] + I[t]} with {@code aM = exp(-step/tauM)}; when
 * {@code v[t] >= threshold} the neuron spikes, resets to 0 and is held at 0 for
 * {@code lsm.refractory-steps} steps. The first {@code round(N * excitatory-fraction)} neurons are
 * excitatory (outgoing weights positive), the others inhibitory (negative), as Dale's law has it.
 * Recurrent synapses (no self-connections) are drawn independently with
 * {@code lsm.connection-probability}; each input channel (polarity, pooled pixel block) connects to
 * {@code lsm.input.fanout} distinct neurons. All draws come from {@code lsm.seed}: the same options
 * and sensor size build the same reservoir, down to the bit.
 *
 * <p>Synapses are stored as compressed sparse rows (per presynaptic neuron or input channel), so the
 * simulation only walks the rows of neurons that spiked and of channels that had events.
 */
public final class LifReservoir {
    final int neurons;
    final int excitatory;
    final int sensorWidth;
    final int sensorHeight;
    final int pool;
    final int channelsX;
    final int channelsY;
    final int[] synPtr;
    final int[] synTarget;
    final float[] synWeight;
    final int[] inPtr;
    final int[] inTarget;
    final float[] inWeight;
    final float alphaM;
    final float alphaS;
    final boolean currentSynapses;
    final float threshold;
    final int refractorySteps;
    final long stepUs;
    final float[] decayPow;
    final OptionSet options;
    final long fingerprint;

    private LifReservoir(OptionSet o, int sensorWidth, int sensorHeight) {
        this.options = o;
        this.neurons = o.get(LsmOptions.NEURONS);
        if (neurons < 1) throw new IllegalArgumentException("lsm.neurons must be positive");
        if (sensorWidth <= 0 || sensorHeight <= 0) throw new IllegalArgumentException("sensor size must be positive");
        this.excitatory = (int) Math.round(neurons * o.get(LsmOptions.EXCITATORY_FRACTION));
        this.sensorWidth = sensorWidth;
        this.sensorHeight = sensorHeight;
        this.pool = o.get(LsmOptions.INPUT_POOL);
        if (pool < 1) throw new IllegalArgumentException("lsm.input.pool must be at least 1");
        this.channelsX = (sensorWidth + pool - 1) / pool;
        this.channelsY = (sensorHeight + pool - 1) / pool;
        this.stepUs = o.get(LsmOptions.STEP_US);
        if (stepUs < 1) throw new IllegalArgumentException("lsm.step-us must be positive");
        double stepMs = stepUs / 1000.0;
        this.alphaM = (float) Math.exp(-stepMs / o.get(LsmOptions.TAU_MEMBRANE_MS));
        double tauS = o.get(LsmOptions.TAU_SYNAPSE_MS);
        this.currentSynapses = tauS > 0;
        this.alphaS = currentSynapses ? (float) Math.exp(-stepMs / tauS) : 0f;
        this.threshold = o.get(LsmOptions.THRESHOLD).floatValue();
        this.refractorySteps = o.get(LsmOptions.REFRACTORY_STEPS);
        this.decayPow = new float[4096];
        decayPow[0] = 1f;
        for (int k = 1; k < decayPow.length; k++) decayPow[k] = decayPow[k - 1] * alphaM;

        SplittableRandom rnd = new SplittableRandom(o.get(LsmOptions.SEED));
        double p = o.get(LsmOptions.CONNECTION_PROBABILITY);
        float wE = o.get(LsmOptions.WEIGHT_EXCITATORY).floatValue();
        float wI = o.get(LsmOptions.WEIGHT_INHIBITORY).floatValue();
        double jitter = o.get(LsmOptions.WEIGHT_JITTER);
        synPtr = new int[neurons + 1];
        int[] tgt = new int[Math.max(16, (int) (neurons * (double) neurons * p * 1.2) + 16)];
        float[] w = new float[tgt.length];
        int n = 0;
        for (int j = 0; j < neurons; j++) {
            float mean = j < excitatory ? wE : -wI;
            for (int i = 0; i < neurons; i++) {
                if (i == j || rnd.nextDouble() >= p) continue;
                if (n == tgt.length) {
                    tgt = Arrays.copyOf(tgt, 2 * n);
                    w = Arrays.copyOf(w, 2 * n);
                }
                tgt[n] = i;
                w[n] = mean * (float) (1 + jitter * (2 * rnd.nextDouble() - 1));
                n++;
            }
            synPtr[j + 1] = n;
        }
        synTarget = Arrays.copyOf(tgt, n);
        synWeight = Arrays.copyOf(w, n);

        int channels = 2 * channelsX * channelsY;
        int fanout = Math.min(neurons, o.get(LsmOptions.INPUT_FANOUT));
        float wIn = o.get(LsmOptions.WEIGHT_INPUT).floatValue();
        inPtr = new int[channels + 1];
        inTarget = new int[channels * fanout];
        inWeight = new float[channels * fanout];
        int[] perm = new int[neurons];
        for (int i = 0; i < neurons; i++) perm[i] = i;
        int m = 0;
        for (int c = 0; c < channels; c++) {
            // Partial Fisher-Yates: the first fanout entries become a uniform sample without repeats.
            for (int k = 0; k < fanout; k++) {
                int r = k + rnd.nextInt(neurons - k);
                int t = perm[k];
                perm[k] = perm[r];
                perm[r] = t;
                inTarget[m] = perm[k];
                inWeight[m] = wIn * (float) (1 + jitter * (2 * rnd.nextDouble() - 1));
                m++;
            }
            inPtr[c + 1] = m;
        }
        this.fingerprint = fnv(o.asMap().toString() + "|" + sensorWidth + "x" + sensorHeight);
    }

    /** Builds the reservoir for a sensor of the given size. */
    public static LifReservoir build(OptionSet options, int sensorWidth, int sensorHeight) {
        return new LifReservoir(options, sensorWidth, sensorHeight);
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A fresh per-stream state at rest. */
    public ReservoirState newState() {
        return new ReservoirState(this);
    }

    public int neurons() { return neurons; }
    public int excitatoryNeurons() { return excitatory; }
    public int sensorWidth() { return sensorWidth; }
    public int sensorHeight() { return sensorHeight; }
    public long stepUs() { return stepUs; }
    public OptionSet options() { return options; }

    /** Number of input channels: 2 polarities x pooled pixel blocks. */
    public int inputChannels() { return 2 * channelsX * channelsY; }

    /** Number of recurrent synapses. */
    public int synapses() { return synTarget.length; }

    /** Identifies options and sensor size; a state restores only into a reservoir with the same fingerprint. */
    public long fingerprint() { return fingerprint; }

    /** Input channel of an in-range event. */
    int channel(int x, int y, int polarity) {
        return (polarity * channelsY + y / pool) * channelsX + x / pool;
    }

    /** Bytes of the shared topology arrays. */
    public long bytes() {
        return 4L * (synPtr.length + synTarget.length + synWeight.length + inPtr.length + inTarget.length
                + inWeight.length + decayPow.length);
    }

    /** Weight of the recurrent synapse j -> i, or 0 when absent (linear scan; for tests and tools). */
    public float weight(int from, int to) {
        for (int k = synPtr[from]; k < synPtr[from + 1]; k++) if (synTarget[k] == to) return synWeight[k];
        return 0f;
    }
}

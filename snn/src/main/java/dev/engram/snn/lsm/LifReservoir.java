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
 * {@code lsm.input.fanout} distinct neurons; with {@code lsm.input.kind=tiled} the neurons instead form
 * {@code lsm.input.maps} maps of local receptive fields (see {@link LsmOptions#INPUT_KIND}), whose
 * spikes can be pooled over neighbouring positions into feature cells ({@link #featureCell}). All draws
 * come from {@code lsm.seed}: the same options
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
    /** Feature cell of each neuron (itself, or its pooled block of a tiled map) and the number of cells. */
    final int[] cellOf;
    final int cells;
    final Layout layout;

    private LifReservoir(OptionSet o, int sensorWidth, int sensorHeight) {
        this.options = o;
        this.layout = Layout.of(o, sensorWidth, sensorHeight);
        this.neurons = layout.neurons;
        this.excitatory = (int) Math.round(neurons * o.get(LsmOptions.EXCITATORY_FRACTION));
        this.sensorWidth = sensorWidth;
        this.sensorHeight = sensorHeight;
        this.pool = layout.pool;
        this.channelsX = layout.channelsX;
        this.channelsY = layout.channelsY;
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
        float wIn = o.get(LsmOptions.WEIGHT_INPUT).floatValue();
        inPtr = new int[channels + 1];
        if (layout.tiled) {
            int[][] wiring = tiledInput(layout, rnd, wIn, inPtr);
            inTarget = wiring[0];
            inWeight = new float[inTarget.length];
            for (int k = 0; k < inTarget.length; k++) inWeight[k] = Float.intBitsToFloat(wiring[1][k]);
        } else {
            int fanout = Math.min(neurons, o.get(LsmOptions.INPUT_FANOUT));
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
        }
        this.cellOf = layout.cells();
        this.cells = layout.featureCells;
        this.fingerprint = fnv(fingerprintText(o) + "|" + sensorWidth + "x" + sensorHeight);
    }

    /**
     * The options as the fingerprint sees them: those of the first release in their original text, and
     * the later ones only when set away from their defaults, so a state written before they existed
     * still restores into the same reservoir.
     */
    private static String fingerprintText(OptionSet o) {
        java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
        for (dev.engram.memory.Option<?> opt : LsmOptions.FIRST) first.put(opt.key(), o.get(opt));
        StringBuilder text = new StringBuilder(first.toString());
        for (dev.engram.memory.Option<?> opt : o.declared()) {
            if (LsmOptions.FIRST.contains(opt)) continue;
            Object v = o.get(opt);
            if (!v.equals(opt.defaultValue())) text.append('|').append(opt.key()).append('=').append(v);
        }
        return text.toString();
    }

    /**
     * Local receptive fields: map m's neuron at grid position (gx, gy) sees the channels of the window
     * starting at (gx, gy) x stride through map m's kernel, one Gaussian weight (mean 0, standard
     * deviation {@code wIn}) per polarity and window offset. Returns targets and weight bits, rows
     * per input channel, and fills {@code ptr}.
     */
    private static int[][] tiledInput(Layout l, java.util.SplittableRandom rnd, float wIn, int[] ptr) {
        int kx = l.kernelX, ky = l.kernelY;
        float[] kernel = new float[l.maps * 2 * ky * kx];
        for (int i = 0; i < kernel.length; i++) kernel[i] = wIn * (float) gaussian(rnd);
        int channels = 2 * l.channelsX * l.channelsY;
        int[] target = new int[16];
        int[] bits = new int[16];
        int n = 0;
        for (int c = 0; c < channels; c++) {
            int pol = c / (l.channelsX * l.channelsY);
            int cy = (c / l.channelsX) % l.channelsY;
            int cx = c % l.channelsX;
            for (int m = 0; m < l.maps; m++) {
                for (int gy = 0; gy < l.gridY; gy++) {
                    int oy = cy - gy * l.stride;
                    if (oy < 0 || oy >= ky) continue;
                    for (int gx = 0; gx < l.gridX; gx++) {
                        int ox = cx - gx * l.stride;
                        if (ox < 0 || ox >= kx) continue;
                        if (n == target.length) {
                            target = Arrays.copyOf(target, 2 * n);
                            bits = Arrays.copyOf(bits, 2 * n);
                        }
                        target[n] = (m * l.gridY + gy) * l.gridX + gx;
                        bits[n] = Float.floatToRawIntBits(kernel[((m * 2 + pol) * ky + oy) * kx + ox]);
                        n++;
                    }
                }
            }
            ptr[c + 1] = n;
        }
        return new int[][] {Arrays.copyOf(target, n), Arrays.copyOf(bits, n)};
    }

    private static double gaussian(java.util.SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * How neurons sit over the input: the pooled channel grid, and for a tiled input the maps, the grid
     * of receptive-field positions and the pooled feature cells. Computed from options and sensor size
     * alone, so the feature length is known without building the reservoir.
     */
    static final class Layout {
        final int pool, channelsX, channelsY;
        final boolean tiled;
        final int maps, kernelX, kernelY, stride, gridX, gridY;
        final int neurons;
        final int featurePool, cellsX, cellsY, featureCells;

        private Layout(OptionSet o, int sensorWidth, int sensorHeight) {
            if (sensorWidth <= 0 || sensorHeight <= 0) throw new IllegalArgumentException("sensor size must be positive");
            pool = o.get(LsmOptions.INPUT_POOL);
            if (pool < 1) throw new IllegalArgumentException("lsm.input.pool must be at least 1");
            channelsX = (sensorWidth + pool - 1) / pool;
            channelsY = (sensorHeight + pool - 1) / pool;
            String kind = o.get(LsmOptions.INPUT_KIND).trim().toLowerCase(java.util.Locale.ROOT);
            if (!kind.equals("random") && !kind.equals("tiled")) {
                throw new IllegalArgumentException("lsm.input.kind must be random or tiled, got '" + kind + "'");
            }
            tiled = kind.equals("tiled");
            featurePool = o.get(LsmOptions.FEATURE_POOL);
            if (featurePool < 1) throw new IllegalArgumentException("lsm.features.pool must be at least 1");
            int requested = o.get(LsmOptions.NEURONS);
            if (tiled) {
                maps = o.get(LsmOptions.INPUT_MAPS);
                int k = o.get(LsmOptions.INPUT_KERNEL);
                stride = o.get(LsmOptions.INPUT_STRIDE);
                if (maps < 1 || k < 1 || stride < 1) throw new IllegalArgumentException("lsm.input.maps, .kernel and .stride must be positive");
                kernelX = Math.min(k, channelsX);
                kernelY = Math.min(k, channelsY);
                gridX = (channelsX - kernelX) / stride + 1;
                gridY = (channelsY - kernelY) / stride + 1;
                long n = (long) maps * gridX * gridY;
                if (n > 1 << 22) throw new IllegalArgumentException("tiled input of " + n + " neurons is too large");
                if (requested != 0 && requested != n) {
                    throw new IllegalArgumentException("lsm.input.kind=tiled with " + maps + " maps of " + kernelX + "x" + kernelY
                            + " kernels at stride " + stride + " on " + channelsX + "x" + channelsY + " channels has " + n
                            + " neurons; set lsm.neurons to " + n + " or 0");
                }
                neurons = (int) n;
                cellsX = (gridX + featurePool - 1) / featurePool;
                cellsY = (gridY + featurePool - 1) / featurePool;
                featureCells = maps * cellsX * cellsY;
            } else {
                if (requested < 1) throw new IllegalArgumentException("lsm.neurons must be positive (0 only with lsm.input.kind=tiled)");
                if (featurePool != 1) throw new IllegalArgumentException("lsm.features.pool needs lsm.input.kind=tiled");
                maps = 0;
                kernelX = kernelY = stride = gridX = gridY = 0;
                neurons = requested;
                cellsX = cellsY = 0;
                featureCells = neurons;
            }
        }

        static Layout of(OptionSet o, int sensorWidth, int sensorHeight) {
            return new Layout(o, sensorWidth, sensorHeight);
        }

        /** Feature cell of every neuron. */
        int[] cells() {
            int[] cell = new int[neurons];
            if (!tiled) {
                for (int i = 0; i < neurons; i++) cell[i] = i;
                return cell;
            }
            for (int m = 0; m < maps; m++) {
                for (int gy = 0; gy < gridY; gy++) {
                    for (int gx = 0; gx < gridX; gx++) {
                        cell[(m * gridY + gy) * gridX + gx] = (m * cellsY + gy / featurePool) * cellsX + gx / featurePool;
                    }
                }
            }
            return cell;
        }
    }

    /** Length of the spike features of a reservoir with these options on this sensor: bins x cells (x 2 with traces). */
    public static int featureDimension(OptionSet o, int sensorWidth, int sensorHeight) {
        Layout l = Layout.of(o, sensorWidth, sensorHeight);
        return o.get(LsmOptions.FEATURE_BINS) * l.featureCells * (o.get(LsmOptions.FEATURE_TRACES) ? 2 : 1);
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

    /** Feature cells: one per neuron, or one per pooled block of a tiled map ({@code lsm.features.pool}). */
    public int featureCells() { return cells; }

    /** The feature cell a neuron's spikes count towards. */
    public int featureCell(int neuron) { return cellOf[neuron]; }

    /** Number of input synapses (all channels). */
    public int inputSynapses() { return inTarget.length; }

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
                + inWeight.length + decayPow.length + cellOf.length);
    }

    /** Weight of the recurrent synapse j -> i, or 0 when absent (linear scan; for tests and tools). */
    public float weight(int from, int to) {
        for (int k = synPtr[from]; k < synPtr[from + 1]; k++) if (synTarget[k] == to) return synWeight[k];
        return 0f;
    }
}

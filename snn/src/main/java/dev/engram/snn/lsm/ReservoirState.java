package dev.engram.snn.lsm;

import dev.engram.snn.events.EventBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The dynamics of one stream through a {@link LifReservoir}: membrane potentials, synaptic currents,
 * refractory counters, the spikes of the last step and the simulation clock. Its size is fixed by the
 * neuron count ({@link #bytes()}), however long the stream runs.
 *
 * <p>Simulation is event-driven: events are bucketed into steps of {@code lsm.step-us} counted from
 * the time given to {@link #reset(long)} (or the first event); a step is run when a later event or
 * {@link #advanceTo(long, SpikeListener)} passes it. Running a step touches only the neurons that
 * receive input (rows of the channels that had events and of the neurons that spiked in the step
 * before) and, with current synapses, those whose current has not yet decayed away; every other
 * neuron's decay is applied lazily, in one multiplication, when it is next touched. Steps in which
 * nothing can happen are skipped outright. Currents below 1e-6 of the threshold are dropped to zero.
 *
 * <p>Events outside the sensor are ignored and counted ({@link #droppedEvents()}); an event earlier
 * than the step being collected (EVT 3 can step back a few microseconds) joins that step. The step
 * counter is an int: a stream may run for 2^31 steps (24 days at 1 ms).
 *
 * <p>{@link #write(DataOutput)} and {@link #read(DataInput)} round-trip the state bit-exactly; a
 * restored state continues exactly as the original would. Not thread-safe: one state per stream.
 */
public final class ReservoirState {
    static final int MAGIC = 0x4C534D53; // "LSMS"
    static final int VERSION = 1;

    private final LifReservoir r;
    private final float[] v;
    private final float[] syn;
    private final int[] lastStep;
    private final int[] refractoryUntil;
    private int[] spiked;
    private int nSpiked;
    private int[] active;
    private int nActive;
    private int[] nextSpiked;
    private int[] nextActive;
    private final int[] touched;
    private int nTouched;
    private final float[] inAcc;
    private final int[] stamp;
    private final float eps;

    private boolean started;
    private long originUs;
    private int step;
    private long inputEvents;
    private long droppedEvents;
    private long synapticEvents;
    private long spikes;

    ReservoirState(LifReservoir r) {
        this.r = r;
        int n = r.neurons;
        v = new float[n];
        syn = new float[n];
        lastStep = new int[n];
        refractoryUntil = new int[n];
        spiked = new int[n];
        active = new int[n];
        nextSpiked = new int[n];
        nextActive = new int[n];
        touched = new int[n];
        inAcc = new float[n];
        stamp = new int[n];
        eps = 1e-6f * Math.abs(r.threshold);
        clear();
    }

    private void clear() {
        Arrays.fill(v, 0f);
        Arrays.fill(syn, 0f);
        Arrays.fill(lastStep, -1);
        Arrays.fill(refractoryUntil, 0);
        Arrays.fill(stamp, -1);
        Arrays.fill(inAcc, 0f);
        nSpiked = 0;
        nActive = 0;
        nTouched = 0;
        step = 0;
        inputEvents = 0;
        droppedEvents = 0;
        synapticEvents = 0;
        spikes = 0;
    }

    /** Puts every neuron at rest and starts the clock at {@code originUs} (step 0 begins there). */
    public void reset(long originUs) {
        clear();
        this.originUs = originUs;
        this.started = true;
    }

    /** Returns to the initial state; the clock starts at the next event. */
    public void reset() {
        clear();
        started = false;
        originUs = 0;
    }

    public LifReservoir reservoir() { return r; }

    /** Index of the step now collecting input. */
    public int step() { return step; }

    public long originUs() { return originUs; }

    /** Start time of the step now collecting input. */
    public long stepStartUs() { return originUs + step * r.stepUs; }

    public long inputEvents() { return inputEvents; }
    public long droppedEvents() { return droppedEvents; }

    /** Synaptic events delivered so far: input synapses of every event plus recurrent synapses of every spike. */
    public long synapticEvents() { return synapticEvents; }

    public long spikes() { return spikes; }

    /** Membrane potential of a neuron as of its last update (decay since then not yet applied). */
    public float rawPotential(int neuron) { return v[neuron]; }

    /** Membrane potential of a neuron after the last run step. */
    public float potential(int neuron) {
        int gap = step - 1 - lastStep[neuron];
        return gap <= 0 ? v[neuron] : v[neuron] * decay(gap);
    }

    /** Bytes held by this state; fixed by the neuron count. */
    public long bytes() {
        return 11L * 4 * r.neurons + 64;
    }

    private float decay(int gap) {
        float[] pow = r.decayPow;
        return gap < pow.length ? pow[gap] : (float) Math.pow(r.alphaM, gap);
    }

    /** Feeds events in time order, running every step that ends before the last of them. */
    public void accept(EventBatch batch, SpikeListener listener) {
        accept(batch.x(), batch.y(), batch.polarity(), batch.tUs(), 0, batch.size(), listener);
    }

    /** As {@link #accept(EventBatch, SpikeListener)} for events {@code from <= i < to} of parallel arrays. */
    public void accept(int[] xs, int[] ys, byte[] ps, long[] ts, int from, int to, SpikeListener listener) {
        final int w = r.sensorWidth;
        final int h = r.sensorHeight;
        final long stepUs = r.stepUs;
        final int[] inPtr = r.inPtr;
        final int[] inTarget = r.inTarget;
        final float[] inWeight = r.inWeight;
        for (int i = from; i < to; i++) {
            int x = xs[i];
            int y = ys[i];
            if (x < 0 || y < 0 || x >= w || y >= h) {
                droppedEvents++;
                continue;
            }
            long t = ts[i];
            if (!started) {
                originUs = t;
                started = true;
            }
            long rel = t - originUs;
            if (rel >= (long) (step + 1) * stepUs) runUntil(rel / stepUs, listener);
            int c = r.channel(x, y, ps[i] != 0 ? 1 : 0);
            int end = inPtr[c + 1];
            for (int k = inPtr[c]; k < end; k++) touch(inTarget[k], inWeight[k]);
            synapticEvents += end - inPtr[c];
            inputEvents++;
        }
    }

    /** Runs every step that ends at or before {@code tUs}; afterwards the step collecting input contains {@code tUs}. */
    public void advanceTo(long tUs, SpikeListener listener) {
        if (!started) {
            reset(tUs);
            return;
        }
        long rel = tUs - originUs;
        if (rel >= (long) (step + 1) * r.stepUs) runUntil(rel / r.stepUs, listener);
    }

    /** Runs the step now collecting input and then every step before {@code target}. */
    private void runUntil(long target, SpikeListener listener) {
        if (target > Integer.MAX_VALUE) throw new IllegalStateException("stream longer than 2^31 steps");
        int t = (int) target;
        while (step < t) {
            if (nTouched == 0 && nSpiked == 0 && nActive == 0) {
                step = t; // nothing pending: decay is applied lazily when a neuron is next touched
                return;
            }
            runStep(listener);
        }
    }

    private void touch(int neuron, float w) {
        if (stamp[neuron] != step) {
            stamp[neuron] = step;
            inAcc[neuron] = w;
            touched[nTouched++] = neuron;
        } else {
            inAcc[neuron] += w;
        }
    }

    private void runStep(SpikeListener listener) {
        final int s = step;
        final int[] synPtr = r.synPtr;
        final int[] synTarget = r.synTarget;
        final float[] synWeight = r.synWeight;
        for (int a = 0; a < nSpiked; a++) {
            int j = spiked[a];
            int end = synPtr[j + 1];
            for (int k = synPtr[j]; k < end; k++) touch(synTarget[k], synWeight[k]);
            synapticEvents += end - synPtr[j];
        }
        for (int a = 0; a < nActive; a++) touch(active[a], 0f);
        final float aM = r.alphaM;
        final float aS = r.alphaS;
        final boolean current = r.currentSynapses;
        final float theta = r.threshold;
        final int refractory = r.refractorySteps;
        int ns = 0;
        int na = 0;
        for (int a = 0; a < nTouched; a++) {
            int k = touched[a];
            float vk = v[k];
            int gap = s - 1 - lastStep[k];
            if (gap > 0) vk *= decay(gap);
            float in = current ? aS * syn[k] + inAcc[k] : inAcc[k];
            if (s < refractoryUntil[k]) {
                vk = 0f;
            } else {
                vk = aM * vk + in;
                if (vk >= theta) {
                    vk = 0f;
                    refractoryUntil[k] = s + 1 + refractory;
                    nextSpiked[ns++] = k;
                    listener.spike(k, s);
                }
            }
            v[k] = vk;
            lastStep[k] = s;
            if (current && Math.abs(in) > eps) {
                syn[k] = in;
                nextActive[na++] = k;
            } else {
                syn[k] = 0f;
            }
        }
        spikes += ns;
        nTouched = 0;
        int[] tmp = spiked;
        spiked = nextSpiked;
        nextSpiked = tmp;
        nSpiked = ns;
        tmp = active;
        active = nextActive;
        nextActive = tmp;
        nActive = na;
        step = s + 1;
    }

    /**
     * Writes the state: magic, version, the reservoir fingerprint and neuron count, the clock, the
     * pending lists and the per-neuron arrays. Input collected for the current step is included.
     */
    public void write(DataOutput out) throws IOException {
        int n = r.neurons;
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(r.fingerprint);
        out.writeInt(n);
        out.writeBoolean(started);
        out.writeLong(originUs);
        out.writeInt(step);
        out.writeLong(inputEvents);
        out.writeLong(droppedEvents);
        out.writeLong(synapticEvents);
        out.writeLong(spikes);
        writeList(out, spiked, nSpiked);
        writeList(out, active, nActive);
        out.writeInt(nTouched);
        for (int a = 0; a < nTouched; a++) {
            out.writeInt(touched[a]);
            out.writeInt(Float.floatToRawIntBits(inAcc[touched[a]]));
        }
        for (int k = 0; k < n; k++) {
            out.writeInt(Float.floatToRawIntBits(v[k]));
            out.writeInt(Float.floatToRawIntBits(syn[k]));
            out.writeInt(lastStep[k]);
            out.writeInt(refractoryUntil[k]);
        }
    }

    private static void writeList(DataOutput out, int[] list, int n) throws IOException {
        out.writeInt(n);
        for (int a = 0; a < n; a++) out.writeInt(list[a]);
    }

    /**
     * Replaces this state with one written by {@link #write(DataOutput)}. Refuses, with an
     * {@link IOException}, another magic, an unknown version, or a state of a different reservoir.
     */
    public void read(DataInput in) throws IOException {
        int n = r.neurons;
        int magic = in.readInt();
        if (magic != MAGIC) throw new IOException("not a reservoir state (magic " + Integer.toHexString(magic) + ")");
        int version = in.readInt();
        if (version != VERSION) throw new IOException("unsupported reservoir state version " + version);
        long fp = in.readLong();
        int count = in.readInt();
        if (fp != r.fingerprint || count != n)
            throw new IOException("state belongs to another reservoir (" + count + " neurons, fingerprint " + Long.toHexString(fp) + ")");
        clear();
        started = in.readBoolean();
        originUs = in.readLong();
        step = in.readInt();
        inputEvents = in.readLong();
        droppedEvents = in.readLong();
        synapticEvents = in.readLong();
        spikes = in.readLong();
        nSpiked = readList(in, spiked, n);
        nActive = readList(in, active, n);
        nTouched = checkedCount(in.readInt(), n);
        for (int a = 0; a < nTouched; a++) {
            int k = checkedNeuron(in.readInt(), n);
            touched[a] = k;
            stamp[k] = step;
            inAcc[k] = Float.intBitsToFloat(in.readInt());
        }
        for (int k = 0; k < n; k++) {
            v[k] = Float.intBitsToFloat(in.readInt());
            syn[k] = Float.intBitsToFloat(in.readInt());
            lastStep[k] = in.readInt();
            refractoryUntil[k] = in.readInt();
        }
    }

    private static int readList(DataInput in, int[] list, int n) throws IOException {
        int count = checkedCount(in.readInt(), n);
        for (int a = 0; a < count; a++) list[a] = checkedNeuron(in.readInt(), n);
        return count;
    }

    private static int checkedCount(int count, int n) throws IOException {
        if (count < 0 || count > n) throw new IOException("list length " + count + " out of range 0.." + n);
        return count;
    }

    private static int checkedNeuron(int k, int n) throws IOException {
        if (k < 0 || k >= n) throw new IOException("neuron index " + k + " out of range");
        return k;
    }
}

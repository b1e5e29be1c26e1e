package dev.engram.operators.events;

import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.lsm.ReservoirState;
import dev.engram.snn.lsm.SampleEncoder;
import dev.engram.snn.lsm.SpikeListener;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reservoir encoding of one stream in progress: its {@link ReservoirState} plus what the current
 * sample or window has produced so far. Kept per key by {@link EventReservoirFunction} and written
 * to checkpoints by {@link StreamEncodingSerializer}; a restored encoding continues bit-exactly.
 *
 * <p>Two ways to slice a stream:
 * <ul>
 *   <li><b>Samples</b> ({@code windowUs == 0}): one file is one sample. Its features are exactly those
 *       of {@link dev.engram.snn.lsm.ReservoirFeatures} on the whole sample (a fresh state whose clock
 *       starts at the first event, spike counts in {@code lsm.features.bins} equal bins spanning the
 *       sample), computed incrementally: chunks run through the state as they arrive and the spikes are
 *       logged (neuron, step), because the bins are known only once the last event is. The log is
 *       capped at {@link #MAX_SAMPLE_SPIKES}; a longer sample is refused.</li>
 *   <li><b>Windows</b> ({@code windowUs > 0}, a multiple of {@code lsm.step-us}): the state runs on
 *       across windows; window {@code k} covers {@code [t0 + k W, t0 + (k+1) W)} from the first event
 *       {@code t0}, and its features are spike counts in {@code bins} equal parts of the window. Windows
 *       without input events are skipped (the reservoir's echo in them is not reported). Memory is
 *       fixed: the state and one feature vector.</li>
 * </ul>
 */
public final class StreamEncoding {
    /** Spikes one sample may log (8 bytes each): a sample that spikes more is refused. */
    public static final int MAX_SAMPLE_SPIKES = 1 << 20;

    public static final int VERSION = 1;

    /** One finished sample or window. */
    public record Encoded(long index, long tStartUs, long tEndUs, long events, long spikes, String origin, int label,
            float[] features) {}

    private final Map<String, String> lsmText;
    private final LifReservoir reservoir;
    private final ReservoirState state;
    private final long windowUs;
    private final int bins;
    private final int cells;
    private final boolean traces;
    private final double traceTauUs;

    private boolean open;
    /** Windows: whether the reservoir clock (and window 0) has started. */
    private boolean clockStarted;
    private long index;
    private long tStart;
    private long tLast;
    private long events;
    private long spikes;
    private String origin;
    private int label = -1;
    private String refusal;
    // samples: the spike log
    private int nSpikes;
    private int[] spikeNeuron = new int[0];
    private int[] spikeStep = new int[0];
    // windows: the features of the open window
    private long windowStart;
    private float[] window;

    private final SpikeListener sampleLog = this::logSpike;
    private final SpikeListener windowCount = this::countSpike;

    private StreamEncoding(Map<String, String> lsmText, LifReservoir reservoir, long windowUs) {
        this.lsmText = new LinkedHashMap<>(lsmText);
        this.reservoir = reservoir;
        this.state = reservoir.newState();
        this.windowUs = windowUs;
        OptionSet o = reservoir.options();
        this.bins = o.get(LsmOptions.FEATURE_BINS);
        this.cells = reservoir.featureCells();
        this.traces = o.get(LsmOptions.FEATURE_TRACES);
        this.traceTauUs = o.get(LsmOptions.TRACE_TAU_MS) * 1000.0;
        if (windowUs < 0 || (windowUs > 0 && windowUs % reservoir.stepUs() != 0)) {
            throw new IllegalArgumentException("window of " + windowUs + " us is not a positive multiple of lsm.step-us ("
                    + reservoir.stepUs() + " us)");
        }
        this.window = windowUs > 0 ? new float[dimension()] : null;
    }

    /** A fresh encoding of a stream through {@code reservoir}; {@code windowUs == 0} slices by file. */
    public static StreamEncoding start(LifReservoir reservoir, long windowUs) {
        return new StreamEncoding(EventModel.optionText(reservoir.options()), reservoir, windowUs);
    }

    public LifReservoir reservoir() { return reservoir; }
    public ReservoirState state() { return state; }
    public long windowUs() { return windowUs; }
    public boolean sampleMode() { return windowUs == 0; }

    /** Length of the feature vectors: bins x feature cells, twice that with traces ({@link ReservoirFeatures#dimension}). */
    public int dimension() {
        return ReservoirFeatures.dimension(reservoir);
    }

    /** Samples or windows finished so far. */
    public long index() { return index; }

    /** Whether a sample or window has events not yet emitted. */
    public boolean isOpen() { return open; }

    /** Why the current sample cannot be encoded (too many spikes), or null. */
    public String refusal() { return refusal; }

    /** Bytes held: the reservoir state, the spike log or window features, and counters. */
    public long bytes() {
        return state.bytes() + 8L * spikeNeuron.length + (window == null ? 0 : 4L * window.length) + 96;
    }

    /** Runs the events of {@code c} through the reservoir; finished windows go to {@code out}. */
    public void accept(EventChunk c, Consumer<Encoded> out) {
        int n = c.size();
        if (n == 0) return;
        origin = c.origin;
        label = c.label;
        if (!open) begin(c.tUs[0]);
        if (sampleMode()) {
            state.accept(c.x, c.y, c.polarity, c.tUs, 0, n, sampleLog);
            events += n;
            tLast = c.tUs[n - 1];
            return;
        }
        int from = 0;
        for (int i = 0; i < n; i++) {
            long t = c.tUs[i];
            if (t < windowStart + windowUs) continue;
            state.accept(c.x, c.y, c.polarity, c.tUs, from, i, windowCount);
            events += i - from;
            from = i;
            rollWindows(t, out);
        }
        state.accept(c.x, c.y, c.polarity, c.tUs, from, n, windowCount);
        events += n - from;
        tLast = c.tUs[n - 1];
    }

    /**
     * Ends the stream (samples: the sample) and emits what is open: the sample's features, or the last
     * window, simulated to its end. Nothing is emitted when no event arrived or the sample was refused.
     */
    public void finish(Consumer<Encoded> out) {
        if (!open) return;
        if (sampleMode()) {
            state.advanceTo(tLast + reservoir.stepUs(), sampleLog);
            if (refusal == null) out.accept(new Encoded(index, tStart, tLast, events, nSpikes, origin, label, sampleFeatures()));
            index++;
            open = false;
            nSpikes = 0;
            refusal = null;
            return;
        }
        state.advanceTo(windowStart + windowUs, windowCount);
        emitWindow(out);
        open = false;
    }

    /** Drops the open sample or window without emitting it; the stream can start again. */
    public void discard() {
        if (open) index++;
        open = false;
        nSpikes = 0;
        refusal = null;
    }

    private void begin(long t0) {
        open = true;
        tStart = t0;
        tLast = t0;
        events = 0;
        spikes = 0;
        nSpikes = 0;
        refusal = null;
        if (sampleMode()) {
            state.reset(t0);
        } else {
            if (!clockStarted) {
                state.reset(t0);
                clockStarted = true;
                windowStart = t0;
            }
            Arrays.fill(window, 0f);
        }
    }

    private void rollWindows(long t, Consumer<Encoded> out) {
        while (t >= windowStart + windowUs) {
            state.advanceTo(windowStart + windowUs, windowCount);
            emitWindow(out);
            windowStart += windowUs;
            index++;
            if (t >= windowStart + windowUs) {
                long skipTo = windowStart + (t - windowStart) / windowUs * windowUs;
                state.advanceTo(skipTo, windowCount);
                index += (skipTo - windowStart) / windowUs;
                windowStart = skipTo;
            }
            Arrays.fill(window, 0f);
            events = 0;
            spikes = 0;
            tStart = windowStart;
        }
    }

    private void emitWindow(Consumer<Encoded> out) {
        if (events > 0) {
            float[] features = window.clone();
            ReservoirFeatures.transform(reservoir, features, features.length);
            out.accept(new Encoded(index, windowStart, windowStart + windowUs, events, spikes, origin, label, features));
        }
    }

    private void logSpike(int neuron, int step) {
        if (nSpikes == spikeNeuron.length) {
            if (nSpikes >= MAX_SAMPLE_SPIKES) {
                if (refusal == null) {
                    refusal = "sample has more than " + MAX_SAMPLE_SPIKES + " reservoir spikes; slice long recordings with a window";
                }
                return;
            }
            int grown = Math.min(MAX_SAMPLE_SPIKES, Math.max(1024, nSpikes * 2));
            spikeNeuron = Arrays.copyOf(spikeNeuron, grown);
            spikeStep = Arrays.copyOf(spikeStep, grown);
        }
        spikeNeuron[nSpikes] = neuron;
        spikeStep[nSpikes] = step;
        nSpikes++;
    }

    private void countSpike(int neuron, int step) {
        long t = state.originUs() + step * reservoir.stepUs();
        long rel = t - windowStart;
        if (rel < 0 || rel >= windowUs) return; // echo in a window without input
        int b = (int) (rel * bins / windowUs);
        int cell = reservoir.featureCell(neuron);
        window[b * cells + cell] += 1f;
        if (traces) {
            double end = windowStart + (b + 1) * (double) windowUs / bins;
            window[bins * cells + b * cells + cell] += (float) Math.exp(-(end - t) / traceTauUs);
        }
        spikes++;
    }

    /** The features of {@link dev.engram.snn.lsm.ReservoirFeatures#encode}, from the spike log, in its order. */
    private float[] sampleFeatures() {
        float[] out = new float[dimension()];
        long t0 = tStart;
        long t1 = tLast;
        long stepUs = reservoir.stepUs();
        int traceBase = bins * cells;
        double span = (double) (t1 - t0 + 1) / bins;
        for (int a = 0; a < nSpikes; a++) {
            int cell = reservoir.featureCell(spikeNeuron[a]);
            long t = t0 + spikeStep[a] * stepUs;
            int b = SampleEncoder.bin(t, t0, t1, bins);
            out[b * cells + cell] += 1f;
            if (traces) {
                double end = t0 + (b + 1) * span;
                out[traceBase + b * cells + cell] += (float) Math.exp(-(end - t) / traceTauUs);
            }
        }
        ReservoirFeatures.transform(reservoir, out, out.length);
        return out;
    }

    // ---- checkpoint layout ----

    /** Writes the encoding: version, LSM options, sensor size, slicing, progress, then the reservoir state. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(VERSION);
        out.writeInt(lsmText.size());
        for (Map.Entry<String, String> e : lsmText.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(reservoir.sensorWidth());
        out.writeInt(reservoir.sensorHeight());
        out.writeLong(windowUs);
        out.writeBoolean(open);
        out.writeBoolean(clockStarted);
        out.writeLong(index);
        out.writeLong(tStart);
        out.writeLong(tLast);
        out.writeLong(events);
        out.writeLong(spikes);
        writeNullable(out, origin);
        out.writeInt(label);
        writeNullable(out, refusal);
        out.writeInt(nSpikes);
        for (int a = 0; a < nSpikes; a++) {
            out.writeInt(spikeNeuron[a]);
            out.writeInt(spikeStep[a]);
        }
        out.writeLong(windowStart);
        out.writeBoolean(window != null);
        if (window != null) for (float f : window) out.writeInt(Float.floatToRawIntBits(f));
        state.write(out);
    }

    /** Reads what {@link #write} wrote; the reservoir is rebuilt from the options (cached per configuration). */
    public static StreamEncoding read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) throw new IOException("unsupported stream encoding version " + version + " (this build reads 1)");
        int count = in.readInt();
        if (count < 0 || count > 1000) throw new IOException("implausible option count " + count);
        Map<String, String> text = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) text.put(in.readUTF(), in.readUTF());
        int w = in.readInt();
        int h = in.readInt();
        long windowUs = in.readLong();
        LifReservoir r;
        try {
            r = ReservoirCache.get(text, w, h);
        } catch (IllegalArgumentException e) {
            throw new IOException("stream encoding: " + e.getMessage(), e);
        }
        StreamEncoding s;
        try {
            s = new StreamEncoding(text, r, windowUs);
        } catch (IllegalArgumentException e) {
            throw new IOException("stream encoding: " + e.getMessage(), e);
        }
        s.open = in.readBoolean();
        s.clockStarted = in.readBoolean();
        s.index = in.readLong();
        s.tStart = in.readLong();
        s.tLast = in.readLong();
        s.events = in.readLong();
        s.spikes = in.readLong();
        s.origin = readNullable(in);
        s.label = in.readInt();
        s.refusal = readNullable(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_SAMPLE_SPIKES) throw new IOException("spike log length " + n + " out of range");
        s.spikeNeuron = new int[n];
        s.spikeStep = new int[n];
        for (int a = 0; a < n; a++) {
            s.spikeNeuron[a] = in.readInt();
            s.spikeStep[a] = in.readInt();
            if (s.spikeNeuron[a] < 0 || s.spikeNeuron[a] >= r.neurons()) throw new IOException("neuron index out of range");
        }
        s.nSpikes = n;
        s.windowStart = in.readLong();
        boolean hasWindow = in.readBoolean();
        if (hasWindow != (s.window != null)) throw new IOException("window features do not match the slicing");
        if (hasWindow) for (int j = 0; j < s.window.length; j++) s.window[j] = Float.intBitsToFloat(in.readInt());
        s.state.read(in);
        return s;
    }

    private static void writeNullable(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String readNullable(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Reservoirs by configuration: restoring thousands of streams must not rebuild the same topology each time. */
    static final class ReservoirCache {
        private static final int MAX = 8;
        private static final Map<String, LifReservoir> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LifReservoir> eldest) {
                return size() > MAX;
            }
        };

        private ReservoirCache() {}

        static synchronized LifReservoir get(Map<String, String> lsmText, int width, int height) {
            String key = lsmText + "|" + width + "x" + height;
            LifReservoir r = CACHE.get(key);
            if (r == null) {
                r = LifReservoir.build(EventModel.lsmOptions(lsmText), width, height);
                CACHE.put(key, r);
            }
            return r;
        }

        static synchronized LifReservoir get(OptionSet lsm, int width, int height) {
            return get(EventModel.optionText(lsm), width, height);
        }
    }
}

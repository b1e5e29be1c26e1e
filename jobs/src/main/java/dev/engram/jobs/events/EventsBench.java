package dev.engram.jobs.events;

import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.StreamEncoding;
import dev.engram.snn.OptionSet;
import dev.engram.snn.bench.DecodeThroughput;
import dev.engram.snn.bench.DecodeThroughput.DecodeRate;
import dev.engram.snn.bench.HeapAfterGc;
import dev.engram.snn.bench.ReservoirThroughput;
import dev.engram.snn.emulator.BatchingSink;
import dev.engram.snn.emulator.EmulatorOptions;
import dev.engram.snn.emulator.EventEmulator;
import dev.engram.snn.emulator.MnistIdx;
import dev.engram.snn.emulator.SaccadeGenerator;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.eval.TiledPreset;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.operators.events.EventChunk;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The measurements of {@code engram bench events}, after snn's {@code EventDecodeBench} and
 * {@code LsmBench}:
 * <ol>
 *   <li><b>decode</b>: single-threaded decode rate per format from memory (the shared recordings,
 *       their event bodies repeated to millions of events; spoken digits through the cochlea), median of
 *       the measured runs;</li>
 *   <li><b>lsm</b>: the N-MNIST train digits through a 1,000-neuron reservoir, best of the measured
 *       passes, as samples/s, input events/s and synaptic events/s, by wall clock and by thread CPU
 *       time (on a shared machine the CPU figure is the one-core rate); and the same digits through the
 *       Flink job (source → keyed reservoir operator), end to end; and the tiled reservoir of
 *       {@code events eval --reservoir tiled} on the same digits in plain Java ({@code lsmTiled});</li>
 *   <li><b>stream</b>: one emulated continuous stream (MNIST digits moved in N-MNIST saccades, a frame
 *       every ms, through the v2e-style emulator) into the operator's per-stream {@link StreamEncoding}
 *       in 100 ms windows: its bytes, its checkpointed bytes and the heap after GC, early and at the end.</li>
 * </ol>
 */
public final class EventsBench {
    private EventsBench() {}

    /** Settings; {@code streamSeconds} of emulated time, {@code samples} digits for the LSM pass. */
    public record Settings(Path data, int decodeRuns, int lsmRepeats, int samples, long streamSeconds, int neurons) {}

    public record LsmRate(int neurons, int synapses, int samples, double wallSamplesPerSecond, double cpuSamplesPerSecond,
            double cpuInputEventsPerSecond, double cpuSynapticEventsPerSecond, double inputEventsPerSample,
            double spikesPerSample, double synapticEventsPerSample, double jobSamplesPerSecond, double jobEventsPerSecond,
            double jobSeconds) {}

    public record StreamMemory(long streamSeconds, long events, long spikes, long windows, long stateBytesEarly, long stateBytesEnd,
            long checkpointBytesEarly, long checkpointBytesEnd, long heapEarly, long heapEnd, double wallSeconds) {}

    public static List<DecodeRate> decode(Path events, int runs, Consumer<String> log) throws IOException {
        List<DecodeRate> out = new ArrayList<>();
        for (DecodeThroughput.Input input : DecodeThroughput.sharedInputs(events)) {
            DecodeRate d = DecodeThroughput.measure(input, runs, Math.max(3, runs * input.runsFactor() / 2));
            log.accept(String.format(java.util.Locale.ROOT, "decode %-7s %,d events: median %.1f M events/s (%.1f..%.1f)", d.format(),
                    d.events(), d.medianMeventsPerSecond(), d.minMeventsPerSecond(), d.maxMeventsPerSecond()));
            out.add(d);
        }
        return out;
    }

    /** The reservoir on the train digits in plain Java, then the same folder through the Flink job. */
    public static LsmRate lsm(Path trainDir, int neurons, int maxSamples, int repeats, EngineSettings settings,
            Consumer<String> log) throws Exception {
        LabelledSamples all = LabelledSamples.load(trainDir);
        int n = Math.min(maxSamples, all.size());
        List<EventBatch> samples = all.samples().subList(0, n);
        OptionSet lsm = LsmOptions.defaults().with(LsmOptions.NEURONS, neurons);
        LifReservoir r = LifReservoir.build(lsm, 34, 34);
        ReservoirThroughput rate = ReservoirThroughput.measure(new ReservoirFeatures(r), samples, 1, repeats);
        long events = rate.inputEvents(), syn = rate.synapticEvents(), spikes = rate.spikes();
        double bestWall = rate.bestWallSeconds(), bestCpu = rate.bestCpuSeconds();
        log.accept(String.format(java.util.Locale.ROOT, "lsm %d neurons, %d samples: wall %.0f samples/s, cpu %.0f samples/s, "
                + "%.2f M input events/s, %.1f M synaptic events/s (cpu)", neurons, n, n / bestWall, n / bestCpu,
                events / bestCpu / 1e6, syn / bestCpu / 1e6));

        var source = Sources.events(SourceSpec.parse("file:" + trainDir.toAbsolutePath()), "auto", EventBatch.DEFAULT_CAPACITY, 0, null);
        EventJob.Result s = EventJob.run(settings, source, EventReservoirFunction.samples(lsm),
                WorkFolders.fresh(settings.workDir(), "bench-events"), "engram-bench-events");
        long results = s.results(), jobEvents = s.events();
        double seconds = s.seconds();
        log.accept(String.format(java.util.Locale.ROOT, "flink job: %d samples (%d events) in %.1f s: %.0f samples/s end to end",
                results, jobEvents, seconds, results / seconds));
        return new LsmRate(neurons, r.synapses(), n, n / bestWall, n / bestCpu, events / bestCpu, syn / bestCpu,
                events / (double) n, spikes / (double) n, syn / (double) n, results / seconds, jobEvents / seconds, seconds);
    }

    /** Encoding rate of a reservoir in plain Java, best of the measured passes. */
    public record EncodeRate(String reservoir, int neurons, int synapses, int inputSynapses, int samples, double wallSamplesPerSecond,
            double cpuSamplesPerSecond, double cpuSynapticEventsPerSecond, double spikesPerSample, double synapticEventsPerSample) {}

    /** The tiled reservoir of {@code events eval --reservoir tiled} on the train digits, in plain Java. */
    public static EncodeRate tiled(Path trainDir, int maxSamples, int repeats, Consumer<String> log) throws Exception {
        LabelledSamples all = LabelledSamples.load(trainDir);
        int n = Math.min(maxSamples, all.size());
        LifReservoir r = LifReservoir.build(TiledPreset.lsm(1), 34, 34);
        ReservoirThroughput rate = ReservoirThroughput.measure(new ReservoirFeatures(r), all.samples().subList(0, n), 1, repeats);
        double cpu = rate.bestCpuSeconds(), wall = rate.bestWallSeconds();
        log.accept(String.format(java.util.Locale.ROOT, "tiled reservoir %d neurons, %d samples: wall %.0f samples/s, cpu %.0f samples/s, "
                + "%.1f M synaptic events/s (cpu)", r.neurons(), n, n / wall, n / cpu, rate.synapticEvents() / cpu / 1e6));
        return new EncodeRate("tiled", r.neurons(), r.synapses(), r.inputSynapses(), n, n / wall, n / cpu, rate.synapticEvents() / cpu,
                rate.spikes() / (double) n, rate.synapticEvents() / (double) n);
    }

    /** One emulated continuous stream into one {@link StreamEncoding} (100 ms windows); memory early and at the end. */
    public static StreamMemory stream(Path data, int neurons, long seconds, Consumer<String> log) throws Exception {
        MnistIdx.Images images = MnistIdx.readImages(data.resolve("mnist/train-images-idx3-ubyte"));
        OptionSet em = EmulatorOptions.defaults();
        SaccadeGenerator saccades = new SaccadeGenerator(em);
        EventEmulator emulator = new EventEmulator(34, 34, em);
        LifReservoir r = LifReservoir.build(LsmOptions.defaults().with(LsmOptions.NEURONS, neurons), 34, 34);
        StreamEncoding encoding = StreamEncoding.start(r, 100_000);
        long[] counters = new long[3]; // events, spikes, windows
        Consumer<StreamEncoding.Encoded> windows = e -> {
            counters[1] += e.spikes();
            counters[2]++;
        };
        BatchingSink sink = new BatchingSink(new EventBatch(4096), b -> {
            counters[0] += b.size();
            EventChunk c = EventChunk.of("emulated", "emulator", 0, 34, 34, b.x(), b.y(), b.polarity(), b.tUs(), b.size());
            encoding.accept(c, windows);
        });
        byte[] frame = new byte[34 * 34];
        long frameUs = 1000, sampleUs = 300_000;
        long frames = seconds * 1_000_000 / frameUs;
        long earlyFrame = Math.min(10_000, frames / 2);
        long stateEarly = 0, ckptEarly = 0, heapEarly = 0;
        long t0 = System.nanoTime();
        for (long f = 0; f <= frames; f++) {
            long t = f * frameUs;
            saccades.streamFrame(images, t, sampleUs, frame);
            emulator.accept(frame, 1, t, sink);
            if (f == earlyFrame) {
                sink.flush();
                stateEarly = encoding.bytes();
                ckptEarly = checkpointBytes(encoding);
                heapEarly = HeapAfterGc.usedBytes();
                log.accept(String.format(java.util.Locale.ROOT, "stream at %.0f s: state %d bytes, checkpoint %d bytes, heap after GC %.2f MiB",
                        t / 1e6, stateEarly, ckptEarly, heapEarly / 1048576.0));
            }
        }
        sink.flush();
        long stateEnd = encoding.bytes();
        long ckptEnd = checkpointBytes(encoding);
        long heapEnd = HeapAfterGc.usedBytes();
        double wall = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "stream at %d s: state %d bytes, checkpoint %d bytes, heap after GC %.2f MiB; "
                + "%,d events, %,d spikes, %,d windows, %.1f s wall", seconds, stateEnd, ckptEnd, heapEnd / 1048576.0,
                counters[0], counters[1], counters[2], wall));
        return new StreamMemory(seconds, counters[0], counters[1], counters[2], stateEarly, stateEnd, ckptEarly, ckptEnd,
                heapEarly, heapEnd, wall);
    }

    private static long checkpointBytes(StreamEncoding e) throws IOException {
        long[] n = new long[1];
        try (DataOutputStream out = new DataOutputStream(new OutputStream() {
            @Override
            public void write(int b) { n[0]++; }

            @Override
            public void write(byte[] b, int off, int len) { n[0] += len; }
        })) {
            e.write(out);
        }
        return n[0];
    }

    /** Everything, as a JSON-ready map. */
    public static Map<String, Object> run(Settings s, EngineSettings env, Consumer<String> log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decode", decode(s.data().resolve("events"), s.decodeRuns(), log));
        out.put("lsm", lsm(s.data().resolve("events/nmnist/Train"), s.neurons(), s.samples(), s.lsmRepeats(), env, log));
        out.put("lsmTiled", tiled(s.data().resolve("events/nmnist/Train"), s.samples(), s.lsmRepeats(), log));
        out.put("stream", stream(s.data(), s.neurons(), s.streamSeconds(), log));
        return out;
    }
}

package dev.engram.jobs.events;

import dev.engram.connectors.events.EventFileSource;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.StreamEncoding;
import dev.engram.snn.OptionSet;
import dev.engram.snn.emulator.BatchingSink;
import dev.engram.snn.emulator.EmulatorOptions;
import dev.engram.snn.emulator.EventEmulator;
import dev.engram.snn.emulator.MnistIdx;
import dev.engram.snn.emulator.SaccadeGenerator;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.events.Aedat4Decoder;
import dev.engram.snn.events.DatDecoder;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventDecoder;
import dev.engram.snn.events.EventStreamDecoder;
import dev.engram.snn.events.Evt2Decoder;
import dev.engram.snn.events.Evt3Decoder;
import dev.engram.snn.events.NmnistDecoder;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.operators.events.EventChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The measurements of {@code engram bench events}, after snn's {@code EventDecodeBench} and
 * {@code LsmBench}:
 * <ol>
 *   <li><b>decode</b>: single-threaded decode rate per format from memory (the shared recordings,
 *       their event bodies repeated to millions of events), median of the measured runs;</li>
 *   <li><b>lsm</b>: the N-MNIST train digits through a 1,000-neuron reservoir, best of the measured
 *       passes, as samples/s, input events/s and synaptic events/s, by wall clock and by thread CPU
 *       time (on a shared machine the CPU figure is the one-core rate); and the same digits through the
 *       Flink job (source → keyed reservoir operator), end to end;</li>
 *   <li><b>stream</b>: one emulated continuous stream (MNIST digits moved in N-MNIST saccades, a frame
 *       every ms, through the v2e-style emulator) into the operator's per-stream {@link StreamEncoding}
 *       in 100 ms windows: its bytes, its checkpointed bytes and the heap after GC, early and at the end.</li>
 * </ol>
 */
public final class EventsBench {
    private EventsBench() {}

    /** Settings; {@code streamSeconds} of emulated time, {@code samples} digits for the LSM pass. */
    public record Settings(Path data, int decodeRuns, int lsmRepeats, int samples, long streamSeconds, int neurons) {}

    interface Factory {
        EventDecoder open(ByteArrayInputStream in) throws IOException;
    }

    public record DecodeRate(String format, long events, long bytes, double medianMeventsPerSecond, double minMeventsPerSecond,
            double maxMeventsPerSecond) {}

    public record LsmRate(int neurons, int synapses, int samples, double wallSamplesPerSecond, double cpuSamplesPerSecond,
            double cpuInputEventsPerSecond, double cpuSynapticEventsPerSecond, double inputEventsPerSample,
            double spikesPerSample, double synapticEventsPerSample, double jobSamplesPerSecond, double jobEventsPerSecond,
            double jobSeconds) {}

    public record StreamMemory(long streamSeconds, long events, long spikes, long windows, long stateBytesEarly, long stateBytesEnd,
            long checkpointBytesEarly, long checkpointBytesEnd, long heapEarly, long heapEnd, double wallSeconds) {}

    public static List<DecodeRate> decode(Path events, int runs, Consumer<String> log) throws IOException {
        List<DecodeRate> out = new ArrayList<>();
        Path evt2 = events.resolve("prophesee/evt2/sparklers_gen3_640x480.raw");
        Path evt3 = events.resolve("prophesee/evt3/evt3_sample_gen41_1280x720.raw");
        Path dat = events.resolve("prophesee/dat/ncars_obj_004397_td.dat");
        out.add(bench("nmnist", nmnistCorpus(events.resolve("nmnist")), in -> new NmnistDecoder(in, "bench"), runs, log));
        out.add(bench("evt2", repeatBody(evt2, headerEnd(evt2), 20), in -> new Evt2Decoder(in, "bench"), runs, log));
        out.add(bench("evt3", repeatBody(evt3, headerEnd(evt3), 40), in -> new Evt3Decoder(in, "bench"), runs, log));
        out.add(bench("dat", repeatBody(dat, headerEnd(dat) + 2, 2000), in -> new DatDecoder(in, "bench"), runs, log));
        out.add(bench("es", repeatBody(events.resolve("eventstream/faery_dvs.es"), 20, 10), in -> new EventStreamDecoder(in, "bench"), runs, log));
        out.add(bench("aedat4", Files.readAllBytes(events.resolve("aedat4/tonic_sample_dvxplorer_320x240.aedat4")),
                in -> new Aedat4Decoder(in, "bench"), runs * 4, log));
        return out;
    }

    static DecodeRate bench(String name, byte[] data, Factory factory, int runs, Consumer<String> log) throws IOException {
        EventBatch batch = EventBatch.withDefaultCapacity();
        int warmup = Math.max(3, runs / 2);
        double[] rates = new double[runs];
        long events = 0;
        for (int r = -warmup; r < runs; r++) {
            long start = System.nanoTime();
            long n = 0;
            try (EventDecoder d = factory.open(new ByteArrayInputStream(data))) {
                int k;
                while ((k = d.read(batch)) > 0) n += k;
            }
            long ns = System.nanoTime() - start;
            events = n;
            if (r >= 0) rates[r] = n * 1e3 / ns;
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        DecodeRate d = new DecodeRate(name, events, data.length, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        log.accept(String.format(java.util.Locale.ROOT, "decode %-7s %,d events: median %.1f M events/s (%.1f..%.1f)", name, events,
                d.medianMeventsPerSecond(), d.minMeventsPerSecond(), d.maxMeventsPerSecond()));
        return d;
    }

    static byte[] nmnistCorpus(Path root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        for (int rep = 0; rep < 4; rep++) for (Path p : files) out.write(Files.readAllBytes(p));
        return out.toByteArray();
    }

    static int headerEnd(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int i = 0;
        while (i < b.length && b[i] == '%') {
            while (i < b.length && b[i] != '\n') i++;
            i++;
        }
        return i;
    }

    static byte[] repeatBody(Path p, int headerEnd, int times) throws IOException {
        byte[] b = Files.readAllBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerEnd + (b.length - headerEnd) * times);
        out.write(b, 0, headerEnd);
        for (int i = 0; i < times; i++) out.write(b, headerEnd, b.length - headerEnd);
        return out.toByteArray();
    }

    /** The reservoir on the train digits in plain Java, then the same folder through the Flink job. */
    public static LsmRate lsm(Path trainDir, int neurons, int maxSamples, int repeats, StreamExecutionEnvironment env,
            Consumer<String> log) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LabelledSamples all = LabelledSamples.load(trainDir);
        int n = Math.min(maxSamples, all.size());
        List<EventBatch> samples = all.samples().subList(0, n);
        OptionSet lsm = LsmOptions.defaults().with(LsmOptions.NEURONS, neurons);
        LifReservoir r = LifReservoir.build(lsm, 34, 34);
        ReservoirFeatures enc = new ReservoirFeatures(r);
        float[] out = new float[enc.dimension()];
        for (EventBatch s : samples) enc.encode(s, out); // warm-up
        long events = 0, syn = 0, spikes = 0;
        double bestWall = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        for (int rep = 0; rep < repeats; rep++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (EventBatch s : samples) {
                enc.encode(s, out);
                if (rep == 0) {
                    events += enc.state().inputEvents();
                    syn += enc.state().synapticEvents();
                    spikes += enc.state().spikes();
                }
            }
            bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        log.accept(String.format(java.util.Locale.ROOT, "lsm %d neurons, %d samples: wall %.0f samples/s, cpu %.0f samples/s, "
                + "%.2f M input events/s, %.1f M synaptic events/s (cpu)", neurons, n, n / bestWall, n / bestCpu,
                events / bestCpu / 1e6, syn / bestCpu / 1e6));

        Path folder = trainDir;
        EventFileSource source = EventFileSource.plan(folder, "auto", EventBatch.DEFAULT_CAPACITY);
        long[] jobResults = new long[1];
        EventJob job = new EventJob(env, source, EventReservoirFunction.samples(lsm));
        EventJob.Summary s = job.run("engram-bench-events", res -> jobResults[0]++, d -> { });
        log.accept(String.format(java.util.Locale.ROOT, "flink job: %d samples (%d events) in %.1f s: %.0f samples/s end to end",
                s.results, s.events, s.seconds, s.results / s.seconds));
        return new LsmRate(neurons, r.synapses(), n, n / bestWall, n / bestCpu, events / bestCpu, syn / bestCpu,
                events / (double) n, spikes / (double) n, syn / (double) n, s.results / s.seconds, s.events / s.seconds, s.seconds);
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
            int digit = (int) ((t / sampleUs) % images.count());
            double[] off = saccades.offset(t % sampleUs);
            SaccadeGenerator.render(images.image(digit), 28, 28, off[0], off[1], frame, 34, 34);
            emulator.accept(frame, 1, t, sink);
            if (f == earlyFrame) {
                sink.flush();
                stateEarly = encoding.bytes();
                ckptEarly = checkpointBytes(encoding);
                heapEarly = usedHeapAfterGc();
                log.accept(String.format(java.util.Locale.ROOT, "stream at %.0f s: state %d bytes, checkpoint %d bytes, heap after GC %.2f MiB",
                        t / 1e6, stateEarly, ckptEarly, heapEarly / 1048576.0));
            }
        }
        sink.flush();
        long stateEnd = encoding.bytes();
        long ckptEnd = checkpointBytes(encoding);
        long heapEnd = usedHeapAfterGc();
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

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    /** Everything, as a JSON-ready map. */
    public static Map<String, Object> run(Settings s, StreamExecutionEnvironment env, Consumer<String> log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decode", decode(s.data().resolve("events"), s.decodeRuns(), log));
        out.put("lsm", lsm(s.data().resolve("events/nmnist/Train"), s.neurons(), s.samples(), s.lsmRepeats(), env, log));
        out.put("stream", stream(s.data(), s.neurons(), s.streamSeconds(), log));
        return out;
    }
}

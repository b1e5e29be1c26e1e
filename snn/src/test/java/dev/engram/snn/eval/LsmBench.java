package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.bench.HeapAfterGc;
import dev.engram.snn.bench.ReservoirThroughput;
import dev.engram.snn.emulator.BatchingSink;
import dev.engram.snn.emulator.EmulatorOptions;
import dev.engram.snn.emulator.EventEmulator;
import dev.engram.snn.emulator.MnistIdx;
import dev.engram.snn.emulator.SaccadeGenerator;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.DenseLifSimulator;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.lsm.ReservoirState;
import dev.engram.snn.lsm.SpikeListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark main (not a test): LSM encoding throughput on the shared N-MNIST digits, event-driven vs
 * dense, and memory per stream over a long emulated stream. Args: DATA_DIR [REPEATS] [STREAM_SECONDS].
 * Reports wall-clock and thread-CPU rates: on a shared machine the CPU figure is the one-core rate.
 */
public final class LsmBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long streamSeconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LabelledSamples train = LabelledSamples.load(data.resolve("events/nmnist/Train"));
        List<EventBatch> samples = train.samples();
        OptionSet lsm = LsmOptions.defaults();
        System.out.println("options: " + lsm);
        for (int neurons : new int[] {1000, 500, 2000}) {
            LifReservoir r = LifReservoir.build(lsm.with(LsmOptions.NEURONS, neurons), 34, 34);
            ReservoirThroughput rate = ReservoirThroughput.measure(new ReservoirFeatures(r), samples, 2, repeats);
            long events = rate.inputEvents(), syn = rate.synapticEvents(), spikes = rate.spikes(), n = rate.samples();
            double bestWall = rate.bestWallSeconds(), bestCpu = rate.bestCpuSeconds();
            System.out.printf(Locale.ROOT,
                    "event-driven neurons=%d synapses=%d: %d samples, best of %d: wall %.0f samples/s, cpu %.0f samples/s; "
                            + "per sample %.0f input events, %.0f spikes, %.0f synaptic events; cpu rates %.2f M input events/s, %.1f M synaptic events/s%n",
                    neurons, r.synapses(), n, repeats, n / bestWall, n / bestCpu, events / (double) n, spikes / (double) n,
                    syn / (double) n, events / bestCpu / 1e6, syn / bestCpu / 1e6);
            if (neurons == 1000) {
                DenseLifSimulator dense = new DenseLifSimulator(r);
                int m = 200;
                for (int i = 0; i < 50; i++) dense.run(samples.get(i));
                dense.synapticOps = 0;
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                for (int i = 0; i < m; i++) dense.run(samples.get(i));
                double wall = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf(Locale.ROOT, "dense neurons=1000: %d samples: wall %.0f samples/s, cpu %.0f samples/s, %.1f M synaptic ops/s; "
                        + "event-driven is %.1fx faster (cpu)%n", m, m / wall, m / cpu, dense.synapticOps / cpu / 1e6, (n / bestCpu) / (m / cpu));
            }
        }
        stream(data, lsm, streamSeconds);
    }

    /** One continuous stream: MNIST digits in N-MNIST saccades, frames every ms, emulator into one reservoir state. */
    static void stream(Path data, OptionSet lsm, long seconds) throws Exception {
        MnistIdx.Images images = MnistIdx.readImages(data.resolve("mnist/train-images-idx3-ubyte"));
        OptionSet em = EmulatorOptions.defaults();
        SaccadeGenerator saccades = new SaccadeGenerator(em);
        EventEmulator emulator = new EventEmulator(34, 34, em);
        LifReservoir r = LifReservoir.build(lsm, 34, 34);
        ReservoirState state = r.newState();
        long[] counters = new long[2];
        SpikeListener count = (neuron, step) -> counters[1]++;
        BatchingSink sink = new BatchingSink(new EventBatch(4096), b -> {
            counters[0] += b.size();
            state.accept(b, count);
        });
        byte[] frame = new byte[34 * 34];
        long frameUs = 1000, sampleUs = 300_000;
        long frames = seconds * 1_000_000 / frameUs;
        long heapStart = 0;
        long stateStart = 0;
        long t0 = System.nanoTime();
        for (long f = 0; f <= frames; f++) {
            long t = f * frameUs;
            saccades.streamFrame(images, t, sampleUs, frame);
            emulator.accept(frame, 1, t, sink);
            if (f == 10_000) {
                sink.flush();
                heapStart = HeapAfterGc.usedBytes();
                stateStart = state.bytes();
                System.out.printf(Locale.ROOT, "stream at %.0f s: heap after GC %.2f MiB, state %d bytes, emulator %d bytes%n",
                        t / 1e6, heapStart / 1048576.0, stateStart, emulator.bytes());
            }
        }
        sink.flush();
        long heapEnd = HeapAfterGc.usedBytes();
        System.out.printf(Locale.ROOT, "stream at %d s: heap after GC %.2f MiB (start %.2f MiB, change %+.1f KiB), state %d bytes (start %d), "
                        + "emulator %d bytes; %d events, %d spikes, %d steps, %.1f s wall%n",
                seconds, heapEnd / 1048576.0, heapStart / 1048576.0, (heapEnd - heapStart) / 1024.0, state.bytes(), stateStart,
                emulator.bytes(), counters[0], counters[1], state.step(), (System.nanoTime() - t0) / 1e9);
    }
}

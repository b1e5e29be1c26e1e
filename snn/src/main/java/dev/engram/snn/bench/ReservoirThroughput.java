package dev.engram.snn.bench;

import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.ReservoirFeatures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Encoding throughput of a {@link ReservoirFeatures} on a list of samples: the best of several timed
 * passes, by wall clock and by this thread's CPU time (on a shared machine the CPU figure is the
 * one-core rate). Event, synaptic-event and spike counts are those of the first timed pass.
 *
 * @param samples samples per pass
 * @param inputEvents input events per pass
 * @param synapticEvents synaptic events per pass
 * @param spikes spikes per pass
 * @param bestWallSeconds the fastest pass by wall clock
 * @param bestCpuSeconds the fastest pass by thread CPU time
 */
public record ReservoirThroughput(long samples, long inputEvents, long synapticEvents, long spikes, double bestWallSeconds,
        double bestCpuSeconds) {

    /** Encodes all {@code samples} {@code warmupPasses} times unmeasured, then {@code repeats} timed passes. */
    public static ReservoirThroughput measure(ReservoirFeatures encoder, List<EventBatch> samples, int warmupPasses, int repeats) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float[] out = new float[encoder.dimension()];
        for (int w = 0; w < warmupPasses; w++) for (EventBatch s : samples) encoder.encode(s, out);
        long events = 0, syn = 0, spikes = 0, n = 0;
        double bestWall = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        for (int rep = 0; rep < repeats; rep++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (EventBatch s : samples) {
                encoder.encode(s, out);
                if (rep == 0) {
                    events += encoder.state().inputEvents();
                    syn += encoder.state().synapticEvents();
                    spikes += encoder.state().spikes();
                    n++;
                }
            }
            bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        return new ReservoirThroughput(n, events, syn, spikes, bestWall, bestCpu);
    }
}

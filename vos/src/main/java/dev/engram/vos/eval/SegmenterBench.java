package dev.engram.vos.eval;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.SegmenterResources;
import dev.engram.vos.StageTimes;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.LoopedSequence;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The segmenter alone, without Flink, on one thread: DAVIS sequences with a per-stage profile, a
 * sequence looped forward and backward with J&F per loop, or seeded synthetic cameras. For finding
 * where time goes and for quick comparisons of settings; the job-level figures come from
 * {@code vos eval} and {@code bench vos}. Stages are timed in the thread's CPU time ({@link StageTimes}),
 * so a shared machine's load does not inflate them; wall time and process CPU time (all threads, GC
 * included) are reported beside them.
 */
public final class SegmenterBench {
    /** One DAVIS sequence: DAVIS J&F (frames 1..N-2), frames, wall frames/s inside the segmenter, learner peak bytes. */
    public record SequenceRun(String name, double j, double f, double jf, int frames, double segmenterFps, long peakBytes) {}

    /**
     * Sequences and their mean (after a warm-up of ten frames that is not counted); {@code stageMsPerFrame}: decode (JPEG), the segmenter's stages
     * ({@link StageTimes.Stage}, lower case), encode (palette PNG), each in CPU milliseconds of the
     * segmenting thread per frame over all frames; {@code wallMsPerFrame} and {@code cpuMsPerFrame}
     * (process CPU time, all threads and GC) per frame over the whole run.
     */
    public record DavisRun(List<SequenceRun> sequences, double meanJ, double meanF, double meanJf, double segmenterFps,
            Map<String, Double> stageMsPerFrame, double wallMsPerFrame, double cpuMsPerFrame) {}

    /** J&F of each loop (frame 0 excluded) and process CPU milliseconds per frame in each loop. */
    public record LoopRun(String name, int period, List<Double> jfPerLoop, List<Double> cpuMsPerFramePerLoop, double fps, long peakBytes) {}

    /** J&F (all frames, all annotated objects) per seed. */
    public record SyntheticRun(Map<Long, Double> jfPerSeed, double meanJf) {}

    private final VosOptions options;

    public SegmenterBench(VosOptions options) {
        this.options = options;
    }

    public DavisRun davis(List<DavisSequence> sequences) {
        if (sequences.isEmpty()) throw new IllegalArgumentException("no sequence to run");
        Map<String, Double> stageMs = new LinkedHashMap<>();
        stageMs.put("decode", 0.0);
        for (StageTimes.Stage s : StageTimes.Stage.values()) stageMs.put(s.name().toLowerCase(java.util.Locale.ROOT), 0.0);
        stageMs.put("encode", 0.0);
        List<SequenceRun> runs = new ArrayList<>();
        long segmenterNanos = 0, wallStart = System.nanoTime(), cpuStart = processCpuNanos();
        int frames = 0;
        try (SegmenterResources resources = new SegmenterResources()) {
            warmUp(sequences.get(0), resources);
            wallStart = System.nanoTime();
            cpuStart = processCpuNanos();
            for (DavisSequence seq : sequences) {
                OnlineSegmenter seg = new OnlineSegmenter(options);
                SequenceEvaluator ev = SequenceEvaluator.davis();
                long nanos = 0;
                for (int i = 0; i < seq.size(); i++) {
                    long d0 = StageTimes.clock();
                    Frame f = seq.readFrame(i, seq.name());
                    stageMs.merge("decode", (StageTimes.clock() - d0) / 1e6, Double::sum);
                    Mask gt = seq.readMask(i, f.width, f.height);
                    if (i == 0) f.annotation = gt;
                    long t0 = System.nanoTime();
                    Mask pred = seg.segment(f, resources);
                    nanos += System.nanoTime() - t0;
                    long e0 = StageTimes.clock();
                    MaskFiles.encodePng(pred);
                    stageMs.merge("encode", (StageTimes.clock() - e0) / 1e6, Double::sum);
                    ev.add(gt, pred);
                }
                for (var e : seg.stageTimes().millisPerFrame().entrySet()) {
                    stageMs.merge(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue() * seq.size(), Double::sum);
                }
                SequenceScore s = ev.score();
                runs.add(new SequenceRun(seq.name(), s.jMean(), s.fMean(), s.jf(), seq.size(), seq.size() / (nanos / 1e9), seg.peakMemoryBytes()));
                segmenterNanos += nanos;
                frames += seq.size();
            }
        }
        int n = frames;
        stageMs.replaceAll((k, v) -> v / n);
        double meanJ = runs.stream().mapToDouble(SequenceRun::j).average().orElse(Double.NaN);
        double meanF = runs.stream().mapToDouble(SequenceRun::f).average().orElse(Double.NaN);
        return new DavisRun(runs, meanJ, meanF, (meanJ + meanF) / 2, frames / (segmenterNanos / 1e9), stageMs,
                (System.nanoTime() - wallStart) / 1e6 / frames, (processCpuNanos() - cpuStart) / 1e6 / frames);
    }

    /** {@code total} frames of {@code seq} played forward and backward (the view returns to the annotated frame every loop). */
    public LoopRun loop(DavisSequence seq, long total) {
        if (seq.size() < 2) throw new IllegalArgumentException(seq.name() + ": a loop needs at least two frames");
        List<Frame> frames = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < seq.size(); i++) {
            Frame f = seq.readFrame(i, seq.name());
            frames.add(f);
            masks.add(seq.readMask(i, f.width, f.height));
        }
        LoopedSequence loop = new LoopedSequence(seq.name(), frames, masks, 40);
        int period = 2 * (seq.size() - 1);
        List<Double> jf = new ArrayList<>(), cpu = new ArrayList<>();
        OnlineSegmenter seg = new OnlineSegmenter(options);
        long t0 = System.nanoTime(), loopCpu = processCpuNanos();
        try (SegmenterResources resources = new SegmenterResources()) {
            SequenceEvaluator ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, false);
            for (long i = 0; i < total; i++) {
                Mask pred = seg.segment(loop.frame(i), resources);
                if (i > 0) ev.add(loop.groundTruth(i), pred);
                if ((i + 1) % period == 0) {
                    jf.add(ev.score().jf());
                    long now = processCpuNanos();
                    cpu.add((now - loopCpu) / 1e6 / period);
                    loopCpu = now;
                    ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, false);
                }
            }
        }
        return new LoopRun(seq.name(), period, jf, cpu, total / ((System.nanoTime() - t0) / 1e9), seg.peakMemoryBytes());
    }

    /** Seeds {@code from..to} of the synthetic camera (static background, two moving objects), {@code frames} each at {@code width}×{@code height}. */
    public SyntheticRun synthetic(int frames, long from, long to, int width, int height) {
        if (to < from) throw new IllegalArgumentException("seeds " + from + ".." + to + ": an empty range");
        Map<Long, Double> out = new LinkedHashMap<>();
        try (SegmenterResources resources = new SegmenterResources()) {
            for (long seed = from; seed <= to; seed++) {
                SyntheticCamera camera = new SyntheticCamera(seed, width, height, 2);
                OnlineSegmenter s = new OnlineSegmenter(options);
                SequenceEvaluator ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, true);
                for (int i = 0; i < frames; i++) ev.add(camera.groundTruth(i), s.segment(camera.frame(i), resources));
                out.put(seed, ev.score().jf());
            }
        }
        return new SyntheticRun(out, out.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    }

    /**
     * Ten frames of {@code seq} through a learner that is thrown away, so class loading, JIT and the
     * first load of each native library (seconds of CPU, landing in whichever stage calls it first) are
     * not in the profile.
     */
    private void warmUp(DavisSequence seq, SegmenterResources resources) {
        OnlineSegmenter seg = new OnlineSegmenter(options);
        for (int i = 0; i < Math.min(10, seq.size()); i++) {
            Frame f = seq.readFrame(i, seq.name());
            if (i == 0) f.annotation = seq.readMask(0, f.width, f.height);
            MaskFiles.encodePng(seg.segment(f, resources));
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getProcessCpuTime();
        return 0;
    }
}

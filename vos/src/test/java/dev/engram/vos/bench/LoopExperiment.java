package dev.engram.vos.bench;

import dev.engram.vos.SegmenterResources;

import dev.engram.testdata.SharedData;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.synthetic.LoopedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Development harness: a shared sequence played forward and backward; J&F per loop. */
public final class LoopExperiment {
    /** Native parts for the whole run; freed when the JVM exits. */
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    public static void main(String[] args) throws Exception {
        Path root = SharedData.root().resolve("vos");
        DavisSequence seq = DavisFolder.open(root, args[0]);
        int total = Integer.parseInt(args[1]);
        VosOptions opts = VosOptions.defaults();
        for (int i = 2; i + 1 < args.length; i += 2) opts = opts.withText(args[i], args[i + 1]);
        List<Frame> frames = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < seq.size(); i++) {
            Frame f = seq.readFrame(i, seq.name());
            frames.add(f);
            masks.add(seq.readMask(i, f.width, f.height));
        }
        LoopedSequence loop = new LoopedSequence(seq.name(), frames, masks, 40);
        int period = 2 * (seq.size() - 1);
        OnlineSegmenter seg = new OnlineSegmenter(opts);
        SequenceEvaluator ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, false);
        long t0 = System.nanoTime();
        StringBuilder line = new StringBuilder(), times = new StringBuilder();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long loopCpu = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < total; i++) {
            Frame f = loop.frame(i);
            Mask pred = seg.segment(f, RESOURCES);
            if (i > 0) ev.add(loop.groundTruth(i), pred);
            if ((i + 1) % period == 0) {
                line.append(String.format(" %.3f", ev.score().jf()));
                long now = cpu.getCurrentThreadCpuTime();
                times.append(String.format(" %.1f", (now - loopCpu) / 1e6 / period));
                loopCpu = now;
                ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, false);
            }
        }
        System.out.printf("cpu ms/frame per loop:%s%n", times);
        System.out.printf("%s loops JF:%s  fps %.1f mem %d (%s)%n", seq.name(), line, total / ((System.nanoTime() - t0) / 1e9),
                seg.peakMemoryBytes(), opts.get(VosOptions.POLICY) + " grcl=" + opts.get(VosOptions.GRCL) + " online=" + opts.get(VosOptions.ONLINE_UPDATES));
    }
}

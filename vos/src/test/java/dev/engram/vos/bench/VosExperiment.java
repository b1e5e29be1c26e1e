package dev.engram.vos.bench;

import dev.engram.vos.SegmenterResources;

import dev.engram.testdata.SharedData;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.eval.SequenceScore;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Development harness (not a test): runs the plain-Java segmenter over the shared DAVIS sequences
 * without Flink and prints DAVIS J&F per sequence. Usage: {@code VosExperiment all|a,b [key value]...}.
 */
public final class VosExperiment {
    /** Native parts for the whole run; freed when the JVM exits. */
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    public static void main(String[] args) throws Exception {
        Path root = SharedData.root().resolve("vos");
        List<DavisSequence> all = DavisFolder.discover(root).stream()
                .filter(s -> !s.name().equals("judo-cutie-demo")).toList();
        List<String> wanted = args.length > 0 && !args[0].equals("all") ? Arrays.asList(args[0].split(",")) : null;
        VosOptions opts = VosOptions.defaults();
        for (int i = 1; i + 1 < args.length; i += 2) opts = opts.withText(args[i], args[i + 1]);
        boolean verbose = Boolean.getBoolean("verbose");
        // Per-stage profile over all sequences: decode and encode measured here, the rest by the segmenter.
        java.util.Map<String, Double> stageMs = new java.util.LinkedHashMap<>();
        long decodeNanos = 0, encodeNanos = 0;
        double sumJ = 0, sumF = 0;
        long totalNanos = 0;
        int totalFrames = 0, count = 0;
        for (DavisSequence seq : all) {
            if (wanted != null && !wanted.contains(seq.name())) continue;
            OnlineSegmenter seg = new OnlineSegmenter(opts);
            SequenceEvaluator ev = SequenceEvaluator.davis();
            long nanos = 0;
            for (int i = 0; i < seq.size(); i++) {
                long d0 = System.nanoTime();
                Frame f = seq.readFrame(i, seq.name());
                decodeNanos += System.nanoTime() - d0;
                Mask gt = seq.readMask(i, f.width, f.height);
                if (i == 0) f.annotation = gt;
                long t0 = System.nanoTime();
                Mask pred = seg.segment(f, RESOURCES);
                nanos += System.nanoTime() - t0;
                long e0 = System.nanoTime();
                dev.engram.vos.io.MaskFiles.encodePng(pred);
                encodeNanos += System.nanoTime() - e0;
                ev.add(gt, pred);
                if (verbose && i % 10 == 0) {
                    System.out.printf("  %s #%d area=%.2f%n", seq.name(), i, pred.count(1) / (double) Math.max(1, gt.count(1)));
                }
            }
            seg.stageTimes().millisPerFrame().forEach((k, v) -> stageMs.merge(k.name().toLowerCase(), v * seq.size(), Double::sum));
            SequenceScore s = ev.score();
            sumJ += s.jMean();
            sumF += s.fMean();
            count++;
            totalNanos += nanos;
            totalFrames += seq.size();
            System.out.printf("%-16s J=%.3f F=%.3f JF=%.3f  %.1f fps  mem=%d%n", seq.name(), s.jMean(), s.fMean(), s.jf(),
                    seq.size() / (nanos / 1e9), seg.peakMemoryBytes());
        }
        StringBuilder profile = new StringBuilder(String.format("decode %.1f", decodeNanos / 1e6 / totalFrames));
        for (var e : stageMs.entrySet()) profile.append(String.format(", %s %.1f", e.getKey(), e.getValue() / totalFrames));
        profile.append(String.format(", encode %.1f", encodeNanos / 1e6 / totalFrames));
        System.out.println("ms per frame: " + profile);
        System.out.printf("MEAN J=%.3f F=%.3f JF=%.3f  %.1f fps over %d sequences  (%s)%n", sumJ / count, sumF / count,
                (sumJ + sumF) / 2 / count, totalFrames / (totalNanos / 1e9), count, opts);
    }
}

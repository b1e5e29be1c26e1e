package dev.engram.vos.bench;

import dev.engram.vos.SegmenterResources;

import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * Development harness: J&F on seeded synthetic cameras (static background, two moving objects),
 * one line per setting. Arguments: frames, first seed, last seed, then option key/value pairs.
 */
public final class SyntheticExperiment {
    /** Native parts for the whole run; freed when the JVM exits. */
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    public static void main(String[] args) {
        int frames = Integer.parseInt(args[0]);
        long from = Long.parseLong(args[1]), to = Long.parseLong(args[2]);
        VosOptions opts = VosOptions.defaults();
        for (int i = 3; i + 1 < args.length; i += 2) opts = opts.withText(args[i], args[i + 1]);
        double sum = 0;
        StringBuilder line = new StringBuilder();
        for (long seed = from; seed <= to; seed++) {
            SyntheticCamera camera = new SyntheticCamera(seed, 480, 270, 2);
            OnlineSegmenter s = new OnlineSegmenter(opts);
            SequenceEvaluator ev = new SequenceEvaluator(SequenceEvaluator.ObjectSet.ALL_ANNOTATED, true);
            for (int i = 0; i < frames; i++) ev.add(camera.groundTruth(i), s.segment(camera.frame(i), RESOURCES));
            double jf = ev.score().jf();
            line.append(String.format(" %.3f", jf));
            sum += jf;
        }
        System.out.printf("mean J&F %.3f over seeds %d..%d:%s  (%s)%n", sum / (to - from + 1), from, to, line, opts);
    }
}

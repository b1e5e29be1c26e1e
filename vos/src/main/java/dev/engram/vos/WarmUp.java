package dev.engram.vos;

import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * Segments a few frames of a generated camera through a throw-away learner, so the first frames of
 * real streams do not pay for OpenCV's first calls, the backbone's loading and the JIT compiling
 * the per-pixel loops: in a fresh JVM a stream's first tenth ran at a fifth of its steady speed.
 *
 * <p>Results do not change: the resources keep nothing between calls that a later frame reads (DIS
 * flow starts from a fresh field, feature images are overwritten; {@code WarmUpTest} checks masks
 * are bit-identical), and the learner is discarded.
 */
public final class WarmUp {
    /** 480p, the size of the DAVIS frames the defaults were measured on; the JIT does not care much. */
    static final int WIDTH = 854, HEIGHT = 480;
    private static final long SEED = 1;

    private WarmUp() {}

    /**
     * Segments {@code frames} generated frames with {@code options} on {@code resources}; nothing for 0.
     *
     * @return the wall time it took, in nanoseconds
     */
    public static long run(VosOptions options, SegmenterResources resources, int frames) {
        if (frames < 0) throw new IllegalArgumentException(VosOptions.WARM_UP_FRAMES.key() + " must be >= 0, got " + frames);
        long t0 = System.nanoTime();
        if (frames == 0) return 0;
        SyntheticCamera camera = new SyntheticCamera(SEED, WIDTH, HEIGHT, 1);
        OnlineSegmenter learner = new OnlineSegmenter(options);
        for (int i = 0; i < frames; i++) learner.segment(camera.frame(i), resources);
        return System.nanoTime() - t0;
    }
}

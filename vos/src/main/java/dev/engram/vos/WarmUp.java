package dev.engram.vos;

import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * Segments a few frames of a generated camera through a throw-away learner, so the frames of real
 * streams do not pay for OpenCV's first calls, the backbone's loading and the JIT compiling the
 * per-pixel loops: in a fresh JVM a stream's first tenth ran at a fifth of its steady speed.
 *
 * <p>Results do not change: the resources keep nothing between calls that a later frame reads (DIS
 * flow starts from a fresh field, feature images and backbone buffers are overwritten;
 * {@code WarmUpTest} checks masks are bit-identical), and the learner is discarded.
 */
public final class WarmUp {
    private static final long SEED = 1;

    private WarmUp() {}

    /**
     * Segments {@code frames} generated frames of {@code width × height} (the size of the frames to
     * come, at least 16×16) with {@code options} on {@code resources}; nothing for 0.
     *
     * @return the wall time it took, in nanoseconds
     */
    public static long run(VosOptions options, SegmenterResources resources, int frames, int width, int height) {
        if (frames < 0) throw new IllegalArgumentException(VosOptions.WARM_UP_FRAMES.key() + " must be >= 0, got " + frames);
        long t0 = System.nanoTime();
        if (frames == 0) return 0;
        SyntheticCamera camera = new SyntheticCamera(SEED, Math.max(16, width), Math.max(16, height), 1);
        OnlineSegmenter learner = new OnlineSegmenter(options);
        for (int i = 0; i < frames; i++) learner.segment(camera.frame(i), resources);
        return System.nanoTime() - t0;
    }
}

package dev.engram.jobs;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.SegmenterResources;
import dev.engram.vos.VosOptions;

/**
 * Checks, before a job starts, that the learner options can segment a stream of a given frame size
 * at all, chiefly that the memory budget holds the fixed per-stream state. Without it a budget that
 * is too small would only show up as one dead letter per frame of every stream.
 */
public final class LearnerPreflight {
    private LearnerPreflight() {}

    /**
     * Segments one blank {@code width x height} frame annotated with a small square.
     *
     * @throws IllegalArgumentException saying why the options cannot segment such a stream
     */
    public static void check(VosOptions options, int width, int height) {
        byte[] ids = new byte[width * height];
        for (int y = height / 4; y < height / 2; y++) {
            for (int x = width / 4; x < width / 2; x++) ids[y * width + x] = 1;
        }
        Frame frame = new Frame("preflight", 0, width, height, new byte[width * height * 3]);
        frame.withAnnotation(new Mask(width, height, ids));
        try (SegmenterResources resources = new SegmenterResources()) {
            new OnlineSegmenter(options).segment(frame, resources);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("options cannot segment " + width + "x" + height + " frames: "
                    + e.getMessage(), e);
        }
    }
}

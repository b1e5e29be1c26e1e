package dev.engram.vos.synthetic;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * A seeded synthetic camera with exact ground truth: a textured background (smooth noise plus a
 * stripe, checker or spot pattern) seen by a slowly panning camera, and textured objects (ellipses,
 * blobs, polygons) moving on smooth trajectories, changing scale, rotating and passing in front of
 * one another (their depth order changes over time). A slow global brightness/contrast drift and a
 * little sensor noise are applied to the pixels (not to the masks). Some object colours are
 * near-copies of background colours, so objects are segmentable but not trivially.
 *
 * <p>What users may rely on:
 * <ul>
 *   <li>{@link #frame(long)} and {@link #groundTruth(long)} depend only on the constructor arguments
 *       and the index (no sequential state; StrictMath for every transcendental function), so any
 *       frame can be regenerated, e.g. after a restore, and is byte-identical on every JVM.
 *   <li>Ground truth holds the visible pixels of each object, id {@code k} = object k (1..objects),
 *       exactly the pixels where that object's texture was drawn.
 *   <li>Frame 0 carries its ground truth as the annotation. Objects entering later (see
 *       {@code lateObjects}) and objects hidden at frame 0 get an annotation (a mask holding only
 *       them) on the first frame where at least {@link #minAnnotationPixels()} of their pixels are
 *       visible, when {@code annotateLateObjects} is on; other frames carry no annotation.
 *   <li>{@code timestampMs = index * periodMs} (40 ms by default), {@code origin} names the generator.
 * </ul>
 * Thread-safe (immutable after construction). Indices must be ≥ 0.
 */
public final class SyntheticCamera {
    /** Frame period of the synthetic stream, 25 frames per second. */
    public static final long DEFAULT_PERIOD_MS = 40;
    private static final int NOISE_SIZE = 1 << 18;
    /** How far ahead to look for the first visible frame of an object that is hidden or not yet in. */
    private static final int ANNOTATION_SEARCH_FRAMES = 600;
    private static final int CLAMP_OFFSET = 400;
    private static final byte[] CLAMP = new byte[256 + 2 * CLAMP_OFFSET];

    static {
        for (int i = 0; i < CLAMP.length; i++) CLAMP[i] = (byte) Math.max(0, Math.min(255, i - CLAMP_OFFSET));
    }

    private final long seed;
    private final int width, height, pan, bgWidth;
    private final boolean annotateLateObjects;
    private final long periodMs;
    private final byte[] background;
    private final SceneObject[] objects;
    private final byte[] noise;
    private final double[] lighting;
    private final long[] annotationFrame;
    private final String origin;

    /** All objects present from frame 0, late annotations on, 40 ms period. */
    public SyntheticCamera(long seed, int width, int height, int objects) {
        this(seed, width, height, objects, 0, true, DEFAULT_PERIOD_MS);
    }

    /**
     * @param lateObjects how many of the objects (the highest ids) enter after frame 0 (between
     *     frames 20 and 150), sliding in across the frame edge
     * @param annotateLateObjects whether such objects get an annotation on their first visible frame
     * @throws IllegalArgumentException for non-positive sizes, objects outside 1..254, or lateObjects
     *     outside 0..objects
     */
    public SyntheticCamera(long seed, int width, int height, int objects, int lateObjects,
                           boolean annotateLateObjects, long periodMs) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("synthetic frames must be at least 16x16, got " + width + "x" + height);
        }
        if (objects < 1 || objects > 254 || lateObjects < 0 || lateObjects > objects) {
            throw new IllegalArgumentException("need 1..254 objects and 0..objects late ones, got " + objects + " and " + lateObjects);
        }
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.annotateLateObjects = annotateLateObjects;
        this.periodMs = periodMs;
        this.origin = "synthetic(seed=" + seed + ", " + width + "x" + height + ", " + objects + " objects)";
        SplittableRandom r = new SplittableRandom(seed);
        this.pan = Math.max(2, width / 24);
        this.bgWidth = width + 2 * pan;
        int bgHeight = height + 2 * pan;
        int[] bgColours = {Texture.randomColour(r), Texture.randomColour(r), Texture.randomColour(r)};
        Texture bgTexture = new Texture(r, bgWidth, bgHeight, Math.min(width, height) / 4.0, bgColours);
        this.background = new byte[bgWidth * bgHeight * 3];
        for (int y = 0, o = 0; y < bgHeight; y++) {
            for (int x = 0; x < bgWidth; x++) {
                int c = bgTexture.colour(x, y);
                background[o++] = (byte) (c >> 16);
                background[o++] = (byte) (c >> 8);
                background[o++] = (byte) c;
            }
        }
        this.objects = new SceneObject[objects];
        for (int k = 0; k < objects; k++) {
            long entry = k >= objects - lateObjects ? 20 + r.nextInt(131) : 0;
            this.objects[k] = new SceneObject(k + 1, r.split(), width, height, entry, bgColours);
        }
        this.noise = new byte[NOISE_SIZE];
        for (int i = 0; i < NOISE_SIZE; i++) {
            noise[i] = (byte) Math.max(-9, Math.min(9, Math.round(r.nextGaussian() * 3)));
        }
        this.lighting = new double[8];
        for (int i = 0; i < 4; i++) {
            lighting[2 * i] = 2 * Math.PI / (80 + 400 * r.nextDouble());
            lighting[2 * i + 1] = 2 * Math.PI * r.nextDouble();
        }
        this.annotationFrame = findAnnotationFrames();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int objects() {
        return objects.length;
    }

    public long seed() {
        return seed;
    }

    /** Visible pixels an object hidden at frame 0 needs before it is annotated. */
    public int minAnnotationPixels() {
        return Math.max(16, width * height / 2000);
    }

    /**
     * The frame at which object {@code id} (1-based) is annotated: 0 when visible at frame 0, else
     * its first frame with enough visible pixels; -1 when it never is (within 600 frames of entering)
     * or late annotations are off.
     */
    public long annotationFrame(int id) {
        return annotationFrame[id - 1];
    }

    /** The frame at {@code index}, with its annotation where one is due (see class doc). */
    public Frame frame(long index) {
        checkIndex(index);
        byte[] rgb = new byte[width * height * 3];
        byte[] ids = new byte[width * height];
        render(index, rgb, ids);
        Frame frame = new Frame("synthetic-" + seed, index, width, height, rgb);
        frame.timestampMs = index * periodMs;
        frame.origin = origin;
        frame.annotation = annotation(index, ids);
        return frame;
    }

    /** The exact object-id mask of the visible pixels at {@code index}. */
    public Mask groundTruth(long index) {
        checkIndex(index);
        byte[] ids = new byte[width * height];
        render(index, null, ids);
        return new Mask(width, height, ids);
    }

    private Mask annotation(long index, byte[] ids) {
        if (index == 0) {
            return new Mask(width, height, ids.clone());
        }
        boolean[] due = new boolean[256];
        boolean any = false;
        for (int k = 0; k < objects.length; k++) {
            if (annotationFrame[k] == index) {
                due[k + 1] = true;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        byte[] out = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (due[ids[i] & 0xFF]) out[i] = ids[i];
        }
        return new Mask(width, height, out);
    }

    private long[] findAnnotationFrames() {
        long[] frames = new long[objects.length];
        Arrays.fill(frames, -1);
        byte[] ids = new byte[width * height];
        render(0, null, ids);
        int[] counts = counts(ids);
        long searchFrom = Long.MAX_VALUE;
        for (int k = 0; k < objects.length; k++) {
            if (counts[k + 1] > 0) {
                frames[k] = 0;
            } else if (annotateLateObjects) {
                searchFrom = Math.min(searchFrom, Math.max(1, objects[k].entryFrame));
            }
        }
        if (searchFrom == Long.MAX_VALUE) {
            return frames;
        }
        long searchTo = 0;
        for (SceneObject o : objects) searchTo = Math.max(searchTo, o.entryFrame);
        searchTo += ANNOTATION_SEARCH_FRAMES;
        int min = minAnnotationPixels();
        for (long t = searchFrom; t <= searchTo; t++) {
            boolean pending = false;
            for (int k = 0; k < objects.length; k++) pending |= frames[k] < 0 && t <= objects[k].entryFrame + ANNOTATION_SEARCH_FRAMES;
            if (!pending) break;
            Arrays.fill(ids, (byte) 0);
            render(t, null, ids);
            counts = counts(ids);
            for (int k = 0; k < objects.length; k++) {
                if (frames[k] < 0 && t >= objects[k].entryFrame && counts[k + 1] >= min) {
                    frames[k] = t;
                }
            }
        }
        return frames;
    }

    private static int[] counts(byte[] ids) {
        int[] c = new int[256];
        for (byte b : ids) c[b & 0xFF]++;
        return c;
    }

    /** Draws frame {@code t}: ids always, colours when {@code rgb} is not null (same geometry for both). */
    private void render(long t, byte[] rgb, byte[] ids) {
        drawScene(t, rgb, ids);
        if (rgb != null) {
            applyLightingAndNoise(t, rgb);
        }
    }

    /** Background and objects, before lighting and noise; visible for tests. */
    void drawScene(long t, byte[] rgb, byte[] ids) {
        if (rgb != null) {
            byte[] view = backgroundView(t);
            System.arraycopy(view, 0, rgb, 0, view.length);
        }
        SceneObject.Pose[] poses = new SceneObject.Pose[objects.length];
        Integer[] order = new Integer[objects.length];
        for (int k = 0; k < objects.length; k++) {
            poses[k] = objects[k].pose(t);
            order[k] = k;
        }
        // Far (small z) first, so nearer objects overwrite: the mask keeps visible pixels only.
        Arrays.sort(order, Comparator.comparingDouble(k -> poses[k] == null ? 0 : poses[k].z()));
        for (int k : order) {
            if (poses[k] != null) {
                drawObject(objects[k], poses[k], rgb, ids);
            }
        }
    }

    /** The part of the background the panning camera sees at {@code t}, unlit RGB. */
    byte[] backgroundView(long t) {
        // Slow camera pan: lighting[6..7] drive x; y reuses the contrast frequency at half speed.
        int ox = pan + (int) Math.floor(pan * 0.95 * StrictMath.sin(lighting[6] * 0.5 * t + lighting[7]));
        int oy = pan + (int) Math.floor(pan * 0.95 * StrictMath.sin(lighting[4] * 0.5 * t + lighting[1]));
        byte[] view = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(background, ((y + oy) * bgWidth + ox) * 3, view, y * width * 3, width * 3);
        }
        return view;
    }

    /** Pixels object {@code id} would cover if nothing were in front of it; for tests. */
    boolean[] coverage(long t, int id) {
        byte[] ids = new byte[width * height];
        SceneObject.Pose p = objects[id - 1].pose(t);
        if (p != null) {
            drawObject(objects[id - 1], p, null, ids);
        }
        boolean[] out = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = ids[i] != 0;
        return out;
    }

    /** Depth of object {@code id} at {@code t} (larger = nearer), NaN before it enters. */
    double depth(long t, int id) {
        SceneObject.Pose p = objects[id - 1].pose(t);
        return p == null ? Double.NaN : p.z();
    }

    SceneObject object(int id) {
        return objects[id - 1];
    }

    private void drawObject(SceneObject o, SceneObject.Pose p, byte[] rgb, byte[] ids) {
        o.draw(p, width, height, rgb, ids);
    }

    private void applyLightingAndNoise(long t, byte[] rgb) {
        double gain = 1 + 0.12 * StrictMath.sin(lighting[0] * t + lighting[1]) + 0.05 * StrictMath.sin(lighting[2] * t + lighting[3]);
        double contrast = 1 + 0.12 * StrictMath.sin(lighting[4] * t + lighting[5]);
        // One lookup table per frame, with a margin so noise can be added before clamping.
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) lut[v] = (int) Math.round(((v - 128) * contrast + 128) * gain);
        long h = mix(seed ^ mix(t + 0x9E3779B97F4A7C15L));
        int offset = (int) (h & (NOISE_SIZE - 1));
        int stride = 1 + 2 * (int) ((h >>> 20) & 0xFF);
        for (int i = 0, n = offset; i < rgb.length; i++, n = (n + stride) & (NOISE_SIZE - 1)) {
            rgb[i] = CLAMP[lut[rgb[i] & 0xFF] + noise[n] + CLAMP_OFFSET];
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + index);
        }
    }

    @Override
    public String toString() {
        return origin;
    }
}

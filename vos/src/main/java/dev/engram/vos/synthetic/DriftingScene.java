package dev.engram.vos.synthetic;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.SplittableRandom;

/**
 * A long synthetic stream whose appearance drifts and never comes back, with exact ground truth: one
 * textured object (id 1) over a background the camera keeps panning across (new scenery every frame,
 * never revisited), while over the whole stream the light darkens and its colour turns (a monotone
 * gain ramp and a hue rotation of about 0.4 turn), the object grows from 0.55× to 1.25× its size
 * and keeps turning, occluding bars sweep across the view every {@value #OCCLUDER_PERIOD} frames,
 * and every {@value #EXIT_PERIOD} frames the object leaves the view for {@value #EXIT_FRAMES}
 * frames and re-enters. Nothing loops: a learner cannot fall back on a frame it was annotated on.
 *
 * <p>{@link #frame} and {@link #groundTruth} are pure functions of the constructor arguments and
 * the index (StrictMath), so any frame can be regenerated. Frame {@code start} carries its ground
 * truth as the annotation (a stream may start anywhere, e.g. to restart from the truth late in the
 * stream); no other frame does. Ground truth holds the object's visible pixels (occluders hide it).
 */
public final class DriftingScene {
    /** Frames over which lighting, colour and scale drift by the amounts above. */
    public static final int SPAN = 10_000;
    static final int OCCLUDER_PERIOD = 400;
    static final int EXIT_PERIOD = 1_500;
    static final int EXIT_FRAMES = 90;
    private static final double PAN = 0.7;

    private final long seed;
    private final int width, height;
    private final long start;
    private final Texture background;
    private final SceneObject object;
    private final double wx, wy, px, py, spin;

    /** @param start the first frame of the stream, which carries the annotation */
    public DriftingScene(long seed, int width, int height, long start) {
        if (width < 32 || height < 32) throw new IllegalArgumentException("drifting scene needs at least 32x32, got " + width + "x" + height);
        if (start < 0) throw new IllegalArgumentException("start must be >= 0, got " + start);
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.start = start;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] bg = {Texture.randomColour(r), Texture.randomColour(r), Texture.randomColour(r)};
        // The texture's pattern samples its noise at up to 1.7x the coordinates: size the world for that.
        int worldW = 2 * ((int) (width + PAN * (SPAN + 2_000)) + 64);
        this.background = new Texture(r, worldW, 2 * (height + 64), Math.min(width, height) / 3.0, bg);
        // Made for a view twice as large, so it fills a few percent of this one at scale 1.
        this.object = new SceneObject(1, r.split(), 2 * width, 2 * height, 0, bg);
        this.wx = 2 * Math.PI / (290 + 60 * r.nextDouble());
        this.wy = 2 * Math.PI / (410 + 80 * r.nextDouble());
        this.px = 2 * Math.PI * r.nextDouble();
        this.py = 2 * Math.PI * r.nextDouble();
        this.spin = 0.004 + 0.004 * r.nextDouble();
    }

    public int width() { return width; }
    public int height() { return height; }

    /** The frame at {@code index} (≥ start), annotated when it is the first. */
    public Frame frame(long index) {
        check(index);
        byte[] rgb = new byte[width * height * 3], ids = new byte[width * height];
        render(index, rgb, ids);
        Frame f = new Frame("drift-" + seed, index, width, height, rgb);
        f.timestampMs = index * SyntheticCamera.DEFAULT_PERIOD_MS;
        f.origin = "drifting scene (seed " + seed + ") frame " + index;
        if (index == start) f.annotation = new Mask(width, height, ids);
        return f;
    }

    /** The object's visible pixels at {@code index}. */
    public Mask groundTruth(long index) {
        check(index);
        byte[] ids = new byte[width * height];
        render(index, null, ids);
        return new Mask(width, height, ids);
    }

    private void check(long index) {
        if (index < start) throw new IllegalArgumentException("frame " + index + " precedes the stream's start " + start);
    }

    /** Progress through the drift, 0..1 (held at 1 past {@link #SPAN}). */
    private static double progress(long t) {
        return Math.min(1.0, t / (double) SPAN);
    }

    private void render(long t, byte[] rgb, byte[] ids) {
        double pan = PAN * t;
        if (rgb != null) {
            for (int y = 0, o = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int c = background.colour(x + pan, y + 16);
                    rgb[o++] = (byte) (c >> 16);
                    rgb[o++] = (byte) (c >> 8);
                    rgb[o++] = (byte) c;
                }
            }
        }
        SceneObject.Pose pose = pose(t);
        if (pose != null) object.draw(pose, width, height, rgb, ids);
        occlude(t, pan, rgb, ids);
        if (rgb != null) light(t, rgb);
    }

    /** Where the object is: a wandering path, growing and turning; far outside the view while it is away. */
    SceneObject.Pose pose(long t) {
        double p = progress(t);
        double x = width * (0.5 + 0.28 * StrictMath.sin(wx * t + px));
        double y = height * (0.5 + 0.22 * StrictMath.sin(wy * t + py));
        long phase = t % EXIT_PERIOD;
        long away = EXIT_PERIOD - EXIT_FRAMES;
        if (t >= EXIT_PERIOD && phase >= away - 30 || t >= EXIT_PERIOD && phase < 30) {
            // Slide out to the right over 30 frames, stay out, slide back in over 30 frames.
            double s = phase >= away - 30 ? Math.min(1, (phase - (away - 30)) / 30.0) : 1 - phase / 30.0;
            x += s * (width * 0.6 + object.size);
        }
        double scale = (0.55 + 0.70 * p) * (1 + 0.06 * StrictMath.sin(t * 0.013));
        double angle = spin * t;
        return new SceneObject.Pose(x, y, scale, StrictMath.cos(angle), StrictMath.sin(angle), 1);
    }

    /** Vertical bars, textured like the scenery, sweeping across the view from right to left. */
    private void occlude(long t, double pan, byte[] rgb, byte[] ids) {
        long phase = t % OCCLUDER_PERIOD;
        if (t < OCCLUDER_PERIOD || phase > 120) return;
        int barW = Math.max(4, width / 14);
        double cx = width + barW - (width + 2 * barW) * phase / 120.0;
        for (int bar = 0; bar < 2; bar++) {
            int x0 = (int) Math.round(cx + bar * 2.5 * barW), x1 = x0 + barW;
            for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
                for (int y = 0; y < height; y++) {
                    int i = y * width + x;
                    ids[i] = 0;
                    if (rgb != null) {
                        int c = background.colour(x * 3.1 + 5_000, y * 0.5 + t * 0.2);
                        rgb[3 * i] = (byte) (c >> 16);
                        rgb[3 * i + 1] = (byte) (c >> 8);
                        rgb[3 * i + 2] = (byte) c;
                    }
                }
            }
        }
    }

    /** Light that darkens and turns its colour monotonically over the stream, and a little sensor noise. */
    private void light(long t, byte[] rgb) {
        double p = progress(t);
        double gain = 1.15 - 0.55 * p;
        double theta = 2 * Math.PI * 0.4 * p;
        // Rotation about the grey axis (hue turn) as a 3x3 matrix, times the gain.
        double c = StrictMath.cos(theta), s = StrictMath.sin(theta), k = (1 - c) / 3, q = s / StrictMath.sqrt(3);
        double[] m = {c + k, k - q, k + q, k + q, c + k, k - q, k - q, k + q, c + k};
        long h = seed * 0x9E3779B97F4A7C15L + t * 0xBF58476D1CE4E5B9L;
        for (int i = 0; i < rgb.length; i += 3) {
            double r = rgb[i] & 0xFF, g = rgb[i + 1] & 0xFF, b = rgb[i + 2] & 0xFF;
            h = h * 6364136223846793005L + 1442695040888963407L;
            double noise = ((h >>> 59) - 16) * 0.25;
            rgb[i] = (byte) Texture.clamp(gain * (m[0] * r + m[1] * g + m[2] * b) + noise);
            rgb[i + 1] = (byte) Texture.clamp(gain * (m[3] * r + m[4] * g + m[5] * b) + noise);
            rgb[i + 2] = (byte) Texture.clamp(gain * (m[6] * r + m[7] * g + m[8] * b) + noise);
        }
    }
}

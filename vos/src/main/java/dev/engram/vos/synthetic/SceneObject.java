package dev.engram.vos.synthetic;

import java.util.SplittableRandom;

/**
 * One moving object of a {@link SyntheticCamera} scene: a textured sprite (ellipse, blob or polygon)
 * and a smooth trajectory. Its pose is a pure function of the frame index (StrictMath, so bit-equal
 * on every JVM).
 */
final class SceneObject {
    static final double MAX_SCALE = 1.3;
    private static final int RAMP = 40;

    final int id;
    /** Sprite at {@link #MAX_SCALE}: -1 transparent, else 0xRRGGBB. */
    final int[] sprite;
    final int size;
    final long entryFrame;
    private final double cx, cy, ax, ay, bx, by, wx, wy, px, py, qx, qy;
    private final double scaleAmp, ws, ps, angle0, spin, depth, wz, pz;
    private final double enterDx, enterDy;

    SceneObject(int id, SplittableRandom r, int width, int height, long entryFrame, int[] backgroundColours) {
        this.id = id;
        this.entryFrame = entryFrame;
        double radius = Math.min(width, height) * (0.08 + 0.09 * r.nextDouble());
        this.size = (int) Math.ceil(2 * radius * MAX_SCALE * 1.3) + 2;
        this.sprite = drawSprite(r, radius * MAX_SCALE, backgroundColours);
        cx = width * (0.25 + 0.5 * r.nextDouble());
        cy = height * (0.25 + 0.5 * r.nextDouble());
        ax = width * (0.08 + 0.22 * r.nextDouble());
        ay = height * (0.08 + 0.22 * r.nextDouble());
        bx = width * 0.06 * r.nextDouble();
        by = height * 0.06 * r.nextDouble();
        wx = 2 * Math.PI / (150 + 350 * r.nextDouble());
        wy = 2 * Math.PI / (150 + 350 * r.nextDouble());
        px = 2 * Math.PI * r.nextDouble();
        py = 2 * Math.PI * r.nextDouble();
        qx = 2 * Math.PI * r.nextDouble();
        qy = 2 * Math.PI * r.nextDouble();
        scaleAmp = 0.1 + 0.15 * r.nextDouble();
        ws = 2 * Math.PI / (100 + 300 * r.nextDouble());
        ps = 2 * Math.PI * r.nextDouble();
        angle0 = 2 * Math.PI * r.nextDouble();
        spin = (r.nextDouble() - 0.5) * 0.03;
        depth = id;
        wz = 2 * Math.PI / (200 + 400 * r.nextDouble());
        pz = 2 * Math.PI * r.nextDouble();
        double dir = 2 * Math.PI * r.nextDouble();
        double far = Math.hypot(width, height);
        enterDx = StrictMath.cos(dir) * far;
        enterDy = StrictMath.sin(dir) * far;
    }

    /** Where and how the object is drawn at frame {@code t}; null before it enters. */
    Pose pose(long t) {
        if (t < entryFrame) {
            return null;
        }
        double x = cx + ax * StrictMath.sin(wx * t + px) + bx * StrictMath.sin(2.3 * wx * t + qx);
        double y = cy + ay * StrictMath.sin(wy * t + py) + by * StrictMath.sin(2.9 * wy * t + qy);
        if (entryFrame > 0 && t < entryFrame + RAMP) {
            // Slide in from far outside the frame, so the object enters across an edge.
            double s = (double) (t - entryFrame) / RAMP;
            double away = 1 - s * s * (3 - 2 * s);
            x += enterDx * away;
            y += enterDy * away;
        }
        double scale = 1 + scaleAmp * StrictMath.sin(ws * t + ps);
        double angle = angle0 + spin * t;
        double z = depth + 0.8 * StrictMath.sin(wz * t + pz);
        return new Pose(x, y, scale, StrictMath.cos(angle), StrictMath.sin(angle), z);
    }

    /**
     * Draws the sprite at pose {@code p} into a {@code width × height} frame: its id into {@code ids},
     * its texture into {@code rgb} when not null; transparent sprite pixels leave both untouched.
     */
    void draw(Pose p, int width, int height, byte[] rgb, byte[] ids) {
        SceneObject o = this;
        int size = o.size;
        double half = size / 2.0;
        double k = SceneObject.MAX_SCALE / p.scale();
        double reach = half * Math.sqrt(2) / k + 1;
        int x0 = Math.max(0, (int) Math.floor(p.x() - reach)), x1 = Math.min(width - 1, (int) Math.ceil(p.x() + reach));
        int y0 = Math.max(0, (int) Math.floor(p.y() - reach)), y1 = Math.min(height - 1, (int) Math.ceil(p.y() + reach));
        double du = p.cos() * k, dv = -p.sin() * k;
        int[] sprite = o.sprite;
        byte id = (byte) o.id;
        for (int y = y0; y <= y1; y++) {
            double ry = y + 0.5 - p.y(), rx = x0 + 0.5 - p.x();
            double u = (rx * p.cos() + ry * p.sin()) * k + half;
            double v = (-rx * p.sin() + ry * p.cos()) * k + half;
            int row = y * width;
            for (int x = x0; x <= x1; x++, u += du, v += dv) {
                if (u < 0 || v < 0 || u >= size || v >= size) continue;
                int c = sprite[(int) v * size + (int) u];
                if (c < 0) continue;
                int i = row + x;
                ids[i] = id;
                if (rgb != null) {
                    rgb[3 * i] = (byte) (c >> 16);
                    rgb[3 * i + 1] = (byte) (c >> 8);
                    rgb[3 * i + 2] = (byte) c;
                }
            }
        }
    }

    /** Centre, scale (≤ {@link #MAX_SCALE}), rotation and depth (larger = nearer) at one frame. */
    record Pose(double x, double y, double scale, double cos, double sin, double z) {}

    private int[] drawSprite(SplittableRandom r, double radius, int[] backgroundColours) {
        int shape = r.nextInt(3);
        double aspect = 0.55 + 0.45 * r.nextDouble();
        int k1 = 2 + r.nextInt(4), k2 = 3 + r.nextInt(5);
        double a1 = 0.1 + 0.15 * r.nextDouble(), a2 = 0.05 * r.nextDouble();
        double p1 = 2 * Math.PI * r.nextDouble(), p2 = 2 * Math.PI * r.nextDouble();
        int vertices = 5 + r.nextInt(4);
        double[] vx = new double[vertices], vy = new double[vertices];
        boolean star = r.nextBoolean();
        for (int i = 0; i < vertices; i++) {
            double a = 2 * Math.PI * (i + 0.3 * r.nextDouble()) / vertices;
            double rad = star && (i & 1) == 1 ? 0.55 + 0.2 * r.nextDouble() : 0.85 + 0.3 * r.nextDouble();
            vx[i] = rad * StrictMath.cos(a);
            vy[i] = rad * StrictMath.sin(a);
        }
        // Colours: one of them is often close to a background colour, so objects are not trivially separable.
        int[] colours = new int[3];
        colours[0] = Texture.randomColour(r);
        colours[1] = r.nextDouble() < 0.5
                ? Texture.jitter(r, backgroundColours[r.nextInt(backgroundColours.length)], 25)
                : Texture.randomColour(r);
        colours[2] = Texture.randomColour(r);
        Texture texture = new Texture(r, size, size, Math.max(6, radius / 2), colours);
        int[] out = new int[size * size];
        double half = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = (x + 0.5 - half) / radius, v = (y + 0.5 - half) / radius;
                boolean inside;
                if (shape == 0) {
                    inside = u * u + (v * v) / (aspect * aspect) <= 1;
                } else if (shape == 1) {
                    double a = StrictMath.atan2(v, u);
                    double rad = 1 + a1 * StrictMath.sin(k1 * a + p1) + a2 * StrictMath.sin(k2 * a + p2);
                    inside = u * u + v * v <= rad * rad;
                } else {
                    inside = insidePolygon(vx, vy, u, v);
                }
                out[y * size + x] = inside ? texture.colour(x, y) : -1;
            }
        }
        return out;
    }

    private static boolean insidePolygon(double[] vx, double[] vy, double x, double y) {
        boolean in = false;
        for (int i = 0, j = vx.length - 1; i < vx.length; j = i++) {
            if ((vy[i] > y) != (vy[j] > y) && x < (vx[j] - vx[i]) * (y - vy[i]) / (vy[j] - vy[i]) + vx[i]) {
                in = !in;
            }
        }
        return in;
    }
}

package dev.engram.vos.synthetic;

import java.util.SplittableRandom;

/**
 * A seeded colour texture: two or three colours mixed by smooth noise and one pattern (stripes,
 * checker or spots). Used for the background and for each object so that neither is flat.
 */
final class Texture {
    private final int[] colours;
    private final ValueNoise coarse, fine;
    private final int pattern;
    private final double period, cos, sin, patternWeight;

    /** @param colours 0xRRGGBB, at least two; the third (if any) is the pattern colour */
    Texture(SplittableRandom r, int width, int height, double scale, int[] colours) {
        this.colours = colours.clone();
        this.coarse = new ValueNoise(r, width, height, Math.max(4, scale));
        this.fine = new ValueNoise(r, width, height, Math.max(2, scale / 6));
        this.pattern = r.nextInt(3);
        this.period = Math.max(3, scale * (0.08 + 0.25 * r.nextDouble()));
        double angle = r.nextDouble() * Math.PI;
        this.cos = StrictMath.cos(angle);
        this.sin = StrictMath.sin(angle);
        this.patternWeight = 0.25 + 0.45 * r.nextDouble();
    }

    /** The colour at (x, y), packed 0xRRGGBB. */
    int colour(double x, double y) {
        double n = coarse.at(x, y);
        int a = colours[0], b = colours[1];
        double rr = lerp(a >> 16 & 0xFF, b >> 16 & 0xFF, n);
        double gg = lerp(a >> 8 & 0xFF, b >> 8 & 0xFF, n);
        double bb = lerp(a & 0xFF, b & 0xFF, n);
        double p = patternValue(x, y);
        int c = colours[colours.length > 2 ? 2 : 0];
        double wgt = p * patternWeight;
        rr = lerp(rr, c >> 16 & 0xFF, wgt);
        gg = lerp(gg, c >> 8 & 0xFF, wgt);
        bb = lerp(bb, c & 0xFF, wgt);
        double grain = (fine.at(x, y) - 0.5) * 40;
        return clamp(rr + grain) << 16 | clamp(gg + grain) << 8 | clamp(bb + grain);
    }

    private double patternValue(double x, double y) {
        double u = x * cos + y * sin, v = -x * sin + y * cos;
        switch (pattern) {
            case 0:
                return 0.5 + 0.5 * StrictMath.sin(2 * Math.PI * u / period);
            case 1:
                return ((int) Math.floor(u / period) + (int) Math.floor(v / period) & 1) == 0 ? 1 : 0;
            default:
                return fine.at(x * 1.7 + 13, y * 1.7 + 7) > 0.62 ? 1 : 0;
        }
    }

    static int randomColour(SplittableRandom r) {
        return r.nextInt(256) << 16 | r.nextInt(256) << 8 | r.nextInt(256);
    }

    /** {@code c} moved by up to {@code amount} per channel, to make near-copies of a colour. */
    static int jitter(SplittableRandom r, int c, int amount) {
        int rr = clamp((c >> 16 & 0xFF) + r.nextInt(-amount, amount + 1));
        int gg = clamp((c >> 8 & 0xFF) + r.nextInt(-amount, amount + 1));
        int bb = clamp((c & 0xFF) + r.nextInt(-amount, amount + 1));
        return rr << 16 | gg << 8 | bb;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    static int clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) v;
    }
}

package dev.engram.vos.synthetic;

import java.util.SplittableRandom;

/** Smooth 2-D value noise in [0, 1]: random values on a grid, smoothstep-interpolated. */
final class ValueNoise {
    private final float[] grid;
    private final int gw, gh;
    private final double cell;

    ValueNoise(SplittableRandom random, int width, int height, double cell) {
        this.cell = cell;
        this.gw = (int) Math.ceil(width / cell) + 2;
        this.gh = (int) Math.ceil(height / cell) + 2;
        this.grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) grid[i] = (float) random.nextDouble();
    }

    double at(double x, double y) {
        double gx = Math.max(0, x / cell), gy = Math.max(0, y / cell);
        int ix = Math.min((int) gx, gw - 2), iy = Math.min((int) gy, gh - 2);
        double fx = smooth(gx - ix), fy = smooth(gy - iy);
        int i = iy * gw + ix;
        double top = grid[i] + (grid[i + 1] - grid[i]) * fx;
        double bottom = grid[i + gw] + (grid[i + gw + 1] - grid[i + gw]) * fx;
        return top + (bottom - top) * fy;
    }

    private static double smooth(double t) {
        t = Math.min(1, Math.max(0, t));
        return t * t * (3 - 2 * t);
    }
}

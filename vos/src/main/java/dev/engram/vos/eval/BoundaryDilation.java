package dev.engram.vos.eval;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binary dilation by the disk {@code x² + y² ≤ r²} (skimage {@code disk(r)}, applied as
 * {@code cv2.dilate} does, with no effect from outside the image). Boundary maps are sparse, so
 * each set pixel stamps the disk's precomputed row spans instead of convolving the whole image.
 */
final class BoundaryDilation {
    private static final ConcurrentHashMap<Integer, BoundaryDilation> CACHE = new ConcurrentHashMap<>();

    private final int radius;
    /** Half-width of the disk at each row offset dy = -r..r. */
    private final int[] halfWidth;

    private BoundaryDilation(int radius) {
        this.radius = radius;
        this.halfWidth = new int[2 * radius + 1];
        for (int dy = -radius; dy <= radius; dy++) {
            int hw = 0;
            while ((hw + 1) * (hw + 1) + dy * dy <= radius * radius) hw++;
            halfWidth[dy + radius] = hw;
        }
    }

    static BoundaryDilation of(int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("radius must be >= 0, got " + radius);
        }
        return CACHE.computeIfAbsent(radius, BoundaryDilation::new);
    }

    boolean[] dilate(boolean[] src, int w, int h) {
        boolean[] out = new boolean[src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (!src[row + x]) continue;
                // Skip a pixel whose left neighbour already stamped the same spans shifted by one:
                // the union only needs the rightmost column of this disk added.
                boolean runContinues = x > 0 && src[row + x - 1];
                int y0 = Math.max(0, y - radius), y1 = Math.min(h - 1, y + radius);
                for (int yy = y0; yy <= y1; yy++) {
                    int hw = halfWidth[yy - y + radius];
                    int right = Math.min(w - 1, x + hw);
                    int left = runContinues ? right : Math.max(0, x - hw);
                    Arrays.fill(out, yy * w + left, yy * w + right + 1, true);
                }
            }
        }
        return out;
    }
}

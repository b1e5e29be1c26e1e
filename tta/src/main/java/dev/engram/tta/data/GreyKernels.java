package dev.engram.tta.data;

/** Resampling and filtering of grey images stored row-major in a float array, borders clamped. */
final class GreyKernels {
    private GreyKernels() {}

    static float[] clip(float[] img) {
        for (int i = 0; i < img.length; i++) img[i] = Math.max(0f, Math.min(1f, img[i]));
        return img;
    }

    static float at(float[] img, int w, int h, int x, int y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        return img[y * w + x];
    }

    /** Bilinear sample at (x, y); outside the image the nearest border pixel. */
    static float sample(float[] img, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = at(img, w, h, x0, y0) * (1 - fx) + at(img, w, h, x0 + 1, y0) * fx;
        double bottom = at(img, w, h, x0, y0 + 1) * (1 - fx) + at(img, w, h, x0 + 1, y0 + 1) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /** Correlates with a (2r+1)x(2r+1) kernel centred on each pixel. */
    static float[] filter(float[] img, int w, int h, float[] kernel, int r) {
        int k = 2 * r + 1;
        float[] out = new float[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) s += kernel[(dy + r) * k + dx + r] * at(img, w, h, x + dx, y + dy);
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    static float[] gaussianBlur(float[] img, int w, int h, double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        int k = 2 * r + 1;
        float[] kernel = new float[k * k];
        double sum = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                double v = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                kernel[(dy + r) * k + dx + r] = (float) v;
                sum += v;
            }
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] /= (float) sum;
        return filter(img, w, h, kernel, r);
    }

    /** Averages copies shifted along a line of {@code length} pixels at {@code angle} radians. */
    static float[] motionBlur(float[] img, int w, int h, double length, double angle) {
        double sigma = Math.max(0.5, length / 2);
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        float[] out = new float[img.length];
        double total = 0;
        for (double t = 0; t <= length + 1e-9; t += 0.5) {
            double weight = Math.exp(-t * t / (2 * sigma * sigma));
            total += weight;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[y * w + x] += (float) (weight * sample(img, w, h, x - t * dx, y - t * dy));
            }
        }
        for (int i = 0; i < out.length; i++) out[i] /= (float) total;
        return out;
    }

    /** Zooms in by {@code factor} about the centre (factor > 1 enlarges). */
    static float[] zoom(float[] img, int w, int h, double factor) {
        float[] out = new float[img.length];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out[y * w + x] = sample(img, w, h, cx + (x - cx) / factor, cy + (y - cy) / factor);
        }
        return out;
    }

    /** A size x size plasma fractal in [0, 1] by diamond-square (size a power of two). */
    static float[] plasma(int size, double wibbleDecay, Uniform rnd) {
        double[] map = new double[size * size];
        int step = size;
        double wibble = 100;
        while (step >= 2) {
            int half = step / 2;
            wibble /= wibbleDecay;
            for (int y = 0; y < size; y += step) {
                for (int x = 0; x < size; x += step) {
                    double mean = (map[idx(x, y, size)] + map[idx(x + step, y, size)] + map[idx(x, y + step, size)]
                            + map[idx(x + step, y + step, size)]) / 4;
                    map[idx(x + half, y + half, size)] = mean + wibble * (2 * rnd.next() - 1);
                }
            }
            for (int y = 0; y < size; y += half) {
                for (int x = (y / half % 2 == 0) ? half : 0; x < size; x += step) {
                    double mean = (map[idx(x - half, y, size)] + map[idx(x + half, y, size)] + map[idx(x, y - half, size)]
                            + map[idx(x, y + half, size)]) / 4;
                    map[idx(x, y, size)] = mean + wibble * (2 * rnd.next() - 1);
                }
            }
            step = half;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[map.length];
        for (int i = 0; i < map.length; i++) out[i] = (float) ((map[i] - min) / Math.max(1e-12, max - min));
        return out;
    }

    private static int idx(int x, int y, int size) {
        return Math.floorMod(y, size) * size + Math.floorMod(x, size);
    }

    /** Uniform [0, 1) source, so this class needs no generator of its own. */
    @FunctionalInterface
    interface Uniform {
        double next();
    }
}

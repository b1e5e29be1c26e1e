package dev.engram.vos.features;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.engram.vos.Frame;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A frame reduced to the working resolution every per-pixel step runs at: a grayscale image for
 * optical flow and {@link #DIMS} appearance planes (Lab colour at three scales and gradient energy),
 * followed by the features of an optional {@link FeatureBackbone}. Features are computed once per
 * frame with OpenCV; the arrays are plain Java, and safe to keep unless the image was computed into
 * lent feature rows (then it is valid until their lender lends them again).
 */
public final class WorkingImage {
    /** Built-in appearance dimensions per pixel: Lab, Lab blurred at sigma 2 and 6, gradient magnitude. */
    public static final int DIMS = 10;

    public final int width;
    public final int height;
    /** Grayscale at working resolution, for optical flow. */
    public final byte[] gray;
    /** Features per pixel: {@link #DIMS} built-in ones, then the backbone's. */
    public final int dims;
    /**
     * Appearance features per image row, pixel-major within it: {@code rows[y][x * dims + k]}, roughly
     * in 0..1. One array per row: a frame's features in one array (17 MB at 428×240 with a backbone) would
     * be a G1 humongous allocation every frame, which cost two streams a third of their speed.
     */
    private final float[][] rows;
    /** Time the backbone took for this image (0 without one), so profiles can tell it from the rest. */
    public final long backboneNanos;

    private WorkingImage(int width, int height, byte[] gray, int dims, float[][] rows, long backboneNanos) {
        this.backboneNanos = backboneNanos;
        this.width = width;
        this.height = height;
        this.gray = gray;
        this.dims = dims;
        this.rows = rows;
    }

    /** Copies the {@link #dims} features of pixel {@code p} (row-major index) to {@code out[off ..]}. */
    public void copyFeatures(int p, float[] out, int off) {
        int y = p / width;
        System.arraycopy(rows[y], (p - y * width) * dims, out, off, dims);
    }

    /** Features of row {@code y}: {@code row(y)[x * dims + k]}; read only. */
    public float[] row(int y) {
        return rows[y];
    }

    /** Feature {@code k} of pixel {@code p}. */
    public float feature(int p, int k) {
        int y = p / width;
        return rows[y][(p - y * width) * dims + k];
    }

    /** All features in one pixel-major copy, {@code out[p * dims + k]} (for tests and inspection). */
    public float[] copyOfFeatures() {
        float[] out = new float[width * height * dims];
        for (int y = 0; y < height; y++) System.arraycopy(rows[y], 0, out, y * width * dims, width * dims);
        return out;
    }

    /** Working size for a frame: the longer side scaled down to at most {@code maxSide}, aspect kept. */
    public static int[] workingSize(int width, int height, int maxSide) {
        double s = Math.min(1.0, maxSide / (double) Math.max(width, height));
        return new int[] {Math.max(8, (int) Math.round(width * s)), Math.max(8, (int) Math.round(height * s))};
    }

    /** Computes the working image with the built-in features only. */
    public static WorkingImage of(Frame frame, int maxSide) {
        return of(frame, maxSide, null);
    }

    /** Computes the working image into fresh arrays (see {@link #of(Frame, int, FeatureBackbone, RowSource)}). */
    public static WorkingImage of(Frame frame, int maxSide, FeatureBackbone backbone) {
        return of(frame, maxSide, backbone, (rows, length) -> new float[rows][length]);
    }

    /** Where a working image gets its feature rows: fresh ones, or arrays it may overwrite entirely. */
    @FunctionalInterface
    public interface RowSource {
        float[][] rows(int rows, int length);
    }

    /**
     * Computes the working image with native images of its own, freed before it returns (see
     * {@link #of(Frame, int, FeatureBackbone, RowSource, FeatureMats.Source)}).
     */
    public static WorkingImage of(Frame frame, int maxSide, FeatureBackbone backbone, RowSource rows) {
        int[] size = workingSize(frame.width, frame.height, maxSide);
        try (FeatureMats mats = new FeatureMats(frame.width, frame.height, size[0], size[1])) {
            return of(frame, maxSide, backbone, rows, (fw, fh, w, h) -> mats);
        }
    }

    /**
     * Computes the working image in native images from {@code mats} (which keeps them; every pixel of
     * them is written before it is read). The backbone, when not null, sees the frame resized to working
     * resolution and its features follow the built-in ones. Every feature value is written, so
     * {@code rows} may hand out arrays holding an earlier frame.
     */
    public static WorkingImage of(Frame frame, int maxSide, FeatureBackbone backbone, RowSource rows, FeatureMats.Source mats) {
        NativeImages.init();
        int[] size = workingSize(frame.width, frame.height, maxSide);
        int w = size[0], h = size[1], n = w * h;
        FeatureMats m = mats.mats(frame.width, frame.height, w, h);
        Mat rgb = m.rgb, small = m.small, lab8 = m.lab8, lab = m.lab, blur2 = m.blur2, blur6 = m.blur6, gray8 = m.gray8,
                grayF = m.grayF, gx = m.gx, gy = m.gy;
        try (Size dsize = new Size(w, h);
                Size zero = new Size(0, 0)) {
            NativeImages.put(rgb, frame.rgb);
            if (w == frame.width && h == frame.height) {
                rgb.copyTo(small);
            } else {
                opencv_imgproc.resize(rgb, small, dsize, 0, 0, opencv_imgproc.INTER_AREA);
            }
            opencv_imgproc.cvtColor(small, lab8, opencv_imgproc.COLOR_RGB2Lab);
            lab8.convertTo(lab, CV_32FC3, 1.0 / 255, 0);
            opencv_imgproc.GaussianBlur(lab, blur2, zero, 2.0);
            opencv_imgproc.GaussianBlur(lab, blur6, zero, 6.0);
            opencv_imgproc.cvtColor(small, gray8, opencv_imgproc.COLOR_RGB2GRAY);
            gray8.convertTo(grayF, CV_32FC1, 1.0 / 255, 0);
            opencv_imgproc.Sobel(grayF, gx, CV_32FC1, 1, 0, 3, 1, 0, org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE);
            opencv_imgproc.Sobel(grayF, gy, CV_32FC1, 0, 1, 3, 1, 0, org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE);

            float[] l = m.labValues, b2 = m.blur2Values, b6 = m.blur6Values, dx = m.gxValues, dy = m.gyValues;
            NativeImages.get(lab, l);
            NativeImages.get(blur2, b2);
            NativeImages.get(blur6, b6);
            NativeImages.get(gx, dx);
            NativeImages.get(gy, dy);
            byte[] gray = new byte[n];
            NativeImages.get(gray8, gray);

            int k = backbone == null ? 0 : backbone.dims();
            int dims = DIMS + k;
            float[][] f = rows.rows(h, w * dims);
            for (int p = 0; p < n; p++) {
                int y = p / w, o = (p - y * w) * dims, i = p * 3;
                float[] row = f[y];
                row[o] = l[i];
                row[o + 1] = l[i + 1];
                row[o + 2] = l[i + 2];
                row[o + 3] = b2[i];
                row[o + 4] = b2[i + 1];
                row[o + 5] = b2[i + 2];
                row[o + 6] = b6[i];
                row[o + 7] = b6[i + 1];
                row[o + 8] = b6[i + 2];
                row[o + 9] = (float) Math.sqrt(dx[p] * dx[p] + dy[p] * dy[p]) * 0.25f;
            }
            long backboneNanos = 0;
            if (backbone != null) {
                long b0 = dev.engram.vos.StageTimes.clock();
                int[] bs = backbone.inputSide() > 0 ? workingSize(frame.width, frame.height, backbone.inputSide()) : size;
                byte[] input = new byte[bs[0] * bs[1] * 3];
                if (bs[0] == w && bs[1] == h) {
                    NativeImages.get(small, input);
                } else if (bs[0] == frame.width && bs[1] == frame.height) {
                    System.arraycopy(frame.rgb, 0, input, 0, input.length);
                } else {
                    try (Mat big = new Mat(bs[1], bs[0], CV_8UC3); Size bsize = new Size(bs[0], bs[1])) {
                        opencv_imgproc.resize(rgb, big, bsize, 0, 0, opencv_imgproc.INTER_AREA);
                        NativeImages.get(big, input);
                    }
                }
                backbone.writeFeatures(input, bs[0], bs[1], w, h, f, DIMS, dims);
                backboneNanos = dev.engram.vos.StageTimes.clock() - b0;
            }
            return new WorkingImage(w, h, gray, dims, f, backboneNanos);
        }
    }
}

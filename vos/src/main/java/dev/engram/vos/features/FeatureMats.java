package dev.engram.vos.features;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The native images {@link WorkingImage#of} computes the built-in features in, and the Java arrays it
 * reads them out to, for one frame size and working size. Kept from frame to frame by a segmenter's resources: allocating and freeing these
 * megabyte buffers per frame made glibc return them to the kernel and fault them in again, which cost
 * the colour features three times their compute (22–25 instead of 6–8 ms per frame at 428×240).
 * Not thread-safe; {@link #close()} frees them.
 */
public final class FeatureMats implements AutoCloseable {
    final int frameWidth, frameHeight, width, height;
    final Mat rgb, small, lab8, lab, blur2, blur6, gray8, grayF, gx, gy;
    /** Java copies of lab, blur2, blur6, gx and gy, read out of the native images (every value overwritten per frame). */
    final float[] labValues, blur2Values, blur6Values, gxValues, gyValues;

    public FeatureMats(int frameWidth, int frameHeight, int width, int height) {
        NativeImages.init();
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.width = width;
        this.height = height;
        rgb = new Mat(frameHeight, frameWidth, CV_8UC3);
        small = new Mat(height, width, CV_8UC3);
        lab8 = new Mat(height, width, CV_8UC3);
        lab = new Mat(height, width, CV_32FC3);
        blur2 = new Mat(height, width, CV_32FC3);
        blur6 = new Mat(height, width, CV_32FC3);
        gray8 = new Mat(height, width, CV_8UC1);
        grayF = new Mat(height, width, CV_32FC1);
        gx = new Mat(height, width, CV_32FC1);
        gy = new Mat(height, width, CV_32FC1);
        int n = width * height;
        labValues = new float[n * 3];
        blur2Values = new float[n * 3];
        blur6Values = new float[n * 3];
        gxValues = new float[n];
        gyValues = new float[n];
    }

    /** Whether these images fit a frame of this size worked at this size. */
    public boolean fits(int frameWidth, int frameHeight, int width, int height) {
        return this.frameWidth == frameWidth && this.frameHeight == frameHeight && this.width == width && this.height == height;
    }

    /** Where {@link WorkingImage#of} gets its native images: fresh ones, or ones kept for this size. */
    @FunctionalInterface
    public interface Source {
        FeatureMats mats(int frameWidth, int frameHeight, int width, int height);
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {rgb, small, lab8, lab, blur2, blur6, gray8, grayF, gx, gy}) m.close();
    }
}

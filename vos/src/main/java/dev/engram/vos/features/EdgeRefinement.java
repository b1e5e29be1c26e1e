package dev.engram.vos.features;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.global.opencv_ximgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_ximgproc.GuidedFilter;

/**
 * Snaps upsampled probability maps to the frame's own edges with a guided filter (He et al.),
 * using the full-resolution RGB frame as the guide. One instance per frame; close it after use.
 */
public final class EdgeRefinement implements AutoCloseable {
    private final Mat guide;
    private final GuidedFilter filter;
    private final int width, height;

    public EdgeRefinement(byte[] rgb, int width, int height, int radius, double eps) {
        NativeImages.init();
        this.width = width;
        this.height = height;
        this.guide = new Mat(height, width, CV_8UC3);
        NativeImages.put(guide, rgb);
        this.filter = opencv_ximgproc.createGuidedFilter(guide, radius, eps);
    }

    /** Filters {@code prob} (full resolution, values 0..1) in place. */
    public void apply(float[] prob) {
        try (Mat src = new Mat(height, width, CV_32FC1); Mat dst = new Mat()) {
            NativeImages.put(src, prob);
            filter.filter(src, dst, CV_32FC1);
            NativeImages.get(dst, prob);
        }
    }

    @Override
    public void close() {
        filter.close();
        guide.close();
    }
}

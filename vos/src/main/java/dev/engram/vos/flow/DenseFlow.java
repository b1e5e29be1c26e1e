package dev.engram.vos.flow;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import dev.engram.vos.features.NativeImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Dense optical flow by OpenCV's DIS (dense inverse search). Not thread-safe: one per stream.
 * Holds a native DIS object; {@link #close()} frees it.
 */
public final class DenseFlow implements AutoCloseable {
    private final DISOpticalFlow dis;
    /** Input images kept between calls of one size (freeing large buffers per call made glibc fault them in anew). */
    private Mat a, b;

    /** @param preset 0 = ultrafast, 1 = fast, 2 = medium (OpenCV's presets) */
    public DenseFlow(int preset) {
        this(preset, -1, -1);
    }

    /**
     * @param preset 0 = ultrafast, 1 = fast, 2 = medium (OpenCV's presets)
     * @param refinement variational refinement iterations per scale, or -1 for the preset's own
     * @param patchStride pixels between patches, or -1 for the preset's own
     */
    public DenseFlow(int preset, int refinement, int patchStride) {
        NativeImages.init();
        this.dis = DISOpticalFlow.create(preset);
        if (refinement >= 0) dis.setVariationalRefinementIterations(refinement);
        if (patchStride > 0) dis.setPatchStride(patchStride);
    }

    /**
     * Flow from {@code from} to {@code to}: for each pixel p of {@code from}, {@code to} shows it
     * near p + flow(p). Returned interleaved (dx, dy) per pixel.
     */
    public float[] compute(byte[] from, byte[] to, int width, int height) {
        float[] out = new float[width * height * 2];
        if (a == null || a.cols() != width || a.rows() != height) {
            closeImages();
            a = new Mat(height, width, CV_8UC1);
            b = new Mat(height, width, CV_8UC1);
        }
        NativeImages.put(a, from);
        NativeImages.put(b, to);
        // A fresh output: DIS takes a flow field of the right size as its initial estimate.
        try (Mat flow = new Mat()) {
            dis.calc(a, b, flow);
            if (flow.type() != CV_32FC2 || flow.cols() != width || flow.rows() != height) {
                throw new IllegalStateException("unexpected flow field " + flow.cols() + "x" + flow.rows());
            }
            NativeImages.get(flow, out);
        }
        return out;
    }

    private void closeImages() {
        for (Mat m : new Mat[] {a, b}) if (m != null) m.close();
        a = b = null;
    }

    @Override
    public void close() {
        closeImages();
        dis.close();
    }
}

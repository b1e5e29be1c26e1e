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

    /** @param preset 0 = ultrafast, 1 = fast, 2 = medium (OpenCV's presets) */
    public DenseFlow(int preset) {
        NativeImages.init();
        this.dis = DISOpticalFlow.create(preset);
    }

    /**
     * Flow from {@code from} to {@code to}: for each pixel p of {@code from}, {@code to} shows it
     * near p + flow(p). Returned interleaved (dx, dy) per pixel.
     */
    public float[] compute(byte[] from, byte[] to, int width, int height) {
        float[] out = new float[width * height * 2];
        try (Mat a = new Mat(height, width, CV_8UC1);
                Mat b = new Mat(height, width, CV_8UC1);
                Mat flow = new Mat()) {
            NativeImages.put(a, from);
            NativeImages.put(b, to);
            dis.calc(a, b, flow);
            if (flow.type() != CV_32FC2 || flow.cols() != width || flow.rows() != height) {
                throw new IllegalStateException("unexpected flow field " + flow.cols() + "x" + flow.rows());
            }
            NativeImages.get(flow, out);
        }
        return out;
    }

    @Override
    public void close() {
        dis.close();
    }
}

package dev.engram.vos.features;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Copies between Java arrays and OpenCV Mats; a Mat cannot wrap a Java array, so copying is the contract. */
public final class NativeImages {
    private NativeImages() {}

    static {
        // Natives unpack under target/ (or the user's choice), never into the home directory by surprise.
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir",
                    java.nio.file.Path.of("target", "javacpp-cache").toAbsolutePath().toString());
        }
    }

    private static volatile boolean threadsPinned;

    /**
     * Applies the cache-directory default before the first native class loads, and runs OpenCV on
     * the calling thread only: Flink already gives each operator instance its own thread, so a
     * hidden OpenCV pool would only make streams compete, and per-frame CPU time stays measurable.
     */
    public static void init() {
        if (!threadsPinned) {
            org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
            threadsPinned = true;
        }
    }

    public static void put(Mat mat, byte[] data) {
        ByteBuffer buf = mat.createBuffer();
        buf.put(data, 0, data.length);
    }

    public static void get(Mat mat, byte[] out) {
        ByteBuffer buf = mat.createBuffer();
        buf.get(out, 0, out.length);
    }

    public static void put(Mat mat, float[] data) {
        FloatBuffer buf = mat.createBuffer();
        buf.put(data, 0, data.length);
    }

    public static void get(Mat mat, float[] out) {
        FloatBuffer buf = mat.createBuffer();
        buf.get(out, 0, out.length);
    }
}

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

    /** Ensures the cache directory default is applied before the first native class loads. */
    public static void init() {}

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

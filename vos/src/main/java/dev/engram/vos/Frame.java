package dev.engram.vos;

import java.util.Objects;

/**
 * One RGB camera frame of a stream. Pixels are interleaved 8-bit R, G, B, row-major, so
 * {@code rgb.length == width * height * 3}. A frame may carry an {@link #annotation}: the
 * ground-truth mask of objects that start at this frame (the first frame of a stream, or an
 * object that appears later); it is {@code null} on ordinary frames.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class Frame {
    /** Identifies the camera stream; the key of every per-stream operator. */
    public String streamId;
    /** Position of the frame in its stream, from 0. */
    public long index;
    /** Capture time in milliseconds (event time); synthetic sources use index * period. */
    public long timestampMs;
    public int width;
    public int height;
    public byte[] rgb;
    /** Ground truth for objects introduced at this frame, or null. */
    public Mask annotation;
    /** Where the frame came from (file name, URL, generator) for error messages; may be null. */
    public String origin;

    public Frame() {}

    public Frame(String streamId, long index, int width, int height, byte[] rgb) {
        this.streamId = streamId;
        this.index = index;
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        validate();
    }

    /** Throws {@link IllegalArgumentException} naming the frame when sizes and pixel data disagree. */
    public Frame validate() {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(describe() + ": frame size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != width * height * 3) {
            throw new IllegalArgumentException(describe() + ": expected " + (width * height * 3)
                    + " RGB bytes for " + width + "x" + height + ", got " + (rgb == null ? "none" : rgb.length));
        }
        if (annotation != null && (annotation.width != width || annotation.height != height)) {
            throw new IllegalArgumentException(describe() + ": annotation mask is " + annotation.width + "x"
                    + annotation.height + " but the frame is " + width + "x" + height);
        }
        return this;
    }

    public Frame withAnnotation(Mask mask) {
        this.annotation = mask;
        return this;
    }

    public Frame withOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    public String describe() {
        return (streamId == null ? "?" : streamId) + "#" + index + (origin == null ? "" : " (" + origin + ")");
    }

    @Override
    public String toString() {
        return "Frame{" + describe() + ", " + width + "x" + height + (annotation != null ? ", annotated" : "") + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && index == f.index && width == f.width && height == f.height
                && Objects.equals(streamId, f.streamId) && java.util.Arrays.equals(rgb, f.rgb)
                && Objects.equals(annotation, f.annotation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, index, width, height);
    }
}

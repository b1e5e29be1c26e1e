package dev.engram.operators.preview;

/**
 * A downsampled picture of what a stream's learner just saw, for people watching the job: at most
 * {@link PreviewImages#MAX_SIDE} pixels on its longer side, JPEG, about one per second per stream.
 * VOS: the frame with its mask tinted in; events: a raster of the latest events (ON light, OFF dark);
 * TTA: the current digit as the camera delivered it, with the label, both predictions and the weather.
 * Not a job result: previews are made on wall-clock time, are not checkpointed and may be dropped.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class Preview {
    public static final String VOS = "vos";
    public static final String EVENTS = "events";
    public static final String TTA = "tta";

    public String streamId;
    /** {@link #VOS}, {@link #EVENTS} or {@link #TTA}. */
    public String kind;
    /** Position in the stream: frame, chunk or batch index. */
    public long index;
    /** Wall-clock time the preview was made, ms since 1970. */
    public long timeMs;
    public int width;
    public int height;
    public byte[] jpeg;
    /** One line saying what the picture shows, e.g. {@code frame 120}. */
    public String caption;
    /** TTA: the digit's label (-1 when unknown), the adapted and the source model's predictions, the weather. */
    public int label = -1;
    public int predicted = -1;
    public int sourcePredicted = -1;
    public String weather;

    public Preview() {}

    @Override
    public String toString() {
        return "Preview{" + kind + " " + streamId + "#" + index + ", " + width + "x" + height + ", "
                + (jpeg == null ? 0 : jpeg.length) + " B}";
    }
}

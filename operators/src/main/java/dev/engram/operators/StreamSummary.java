package dev.engram.operators;

/**
 * Figures about one stream so far: frames, throughput, accuracy against ground truth (when the
 * source had any) and learner memory against its budget. {@link #complete} is true on the final
 * summary emitted when the input ended.
 *
 * <p>J and F are DAVIS means (per object over the scored frames, then averaged over the objects of
 * the first ground-truth mask), excluding the first scored frame (the annotation) and the latest
 * one, as the DAVIS toolkit does; NaN while fewer than three frames had ground truth.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class StreamSummary {
    public String streamId;
    public long frames;
    /** Frames that carried ground truth. */
    public long scoredFrames;
    /** Frames per second of wall-clock time from the stream's first to its latest frame. */
    public double fps;
    /** Frames per second counting only the time spent in the segmenter. */
    public double segmenterFps;
    public double j = Double.NaN;
    public double f = Double.NaN;
    public double jf = Double.NaN;
    public long peakBankBytes;
    public long budgetBytes;
    public long lastIndex;
    public boolean complete;

    public StreamSummary() {}

    @Override
    public String toString() {
        return String.format("StreamSummary{%s, %d frames, %.1f fps, J&F %.4f, bank %d/%d B%s}", streamId, frames, fps,
                jf, peakBankBytes, budgetBytes, complete ? ", complete" : "");
    }
}

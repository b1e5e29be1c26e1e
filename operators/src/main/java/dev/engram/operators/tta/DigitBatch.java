package dev.engram.operators.tta;

/** A batch of grey camera crops (28x28, pixels in [0, 1]) of one stream, with labels if known (else -1). */
public class DigitBatch {
    public String streamId;
    public long index;
    public int count;
    public float[] pixels;
    public int[] labels;
    /** What the camera saw the digits through, e.g. {@code fog@5} (corruption at severity), or null. */
    public String condition;
    /** Where the digits came from (a file, a generator), for dead letters. */
    public String origin;

    public DigitBatch() {}

    public DigitBatch(String streamId, long index, int count, float[] pixels, int[] labels) {
        this.streamId = streamId;
        this.index = index;
        this.count = count;
        this.pixels = pixels;
        this.labels = labels;
    }
}

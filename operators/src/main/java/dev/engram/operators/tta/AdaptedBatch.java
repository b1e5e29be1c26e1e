package dev.engram.operators.tta;

/** The adapted model's predictions for one {@link DigitBatch}, with the step's measured memory; or the end-of-stream marker. */
public class AdaptedBatch {
    public String streamId;
    public long index;
    public int count;
    /** The batch's {@link DigitBatch#condition}. */
    public String condition;
    public int[] predictions;
    /** Labelled items (labels other than -1). */
    public int labelled;
    /** Wrong predictions among labelled items (-1 labels are not counted). */
    public int errors;
    /** Wrong predictions of the frozen source model among the same items. */
    public int sourceErrors;
    /** Mean prediction entropy of the adapted model on the batch, nats. */
    public double meanEntropy;
    public long memoryBytes;
    public long resets;
    /** Hash of the stream's adaptation state after this batch, to compare runs. */
    public int stateHash;
    /** Set on the marker that the stream has ended; such a batch carries nothing else. */
    public boolean endOfStream;

    public AdaptedBatch() {}

    /** The end-of-stream marker of {@code streamId}. */
    public static AdaptedBatch end(String streamId) {
        AdaptedBatch b = new AdaptedBatch();
        b.streamId = streamId;
        b.index = -1;
        b.endOfStream = true;
        return b;
    }
}

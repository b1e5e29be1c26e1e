package dev.engram.operators.tta;

/** The adapted model's predictions for one {@link DigitBatch}, with the step's measured memory. */
public class AdaptedBatch {
    public String streamId;
    public long index;
    public int[] predictions;
    /** Wrong predictions among labelled items (-1 labels are not counted). */
    public int errors;
    public long memoryBytes;
    public long resets;
    /** Hash of the stream's adaptation state after this batch, to compare runs. */
    public int stateHash;

    public AdaptedBatch() {}
}

package dev.engram.operators;

/** Latest learner figures of one stream, read by the operator's metric gauges. */
final class StreamFigures {
    volatile long memoryBytes;
    volatile long bankBytes;
    volatile long budgetBytes;
    volatile double lastLoss = Double.NaN;
}

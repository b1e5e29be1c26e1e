package dev.engram.vos;

/**
 * Figures about a stream's learner after its last frame.
 *
 * @param framesSeen frames segmented so far
 * @param objects objects being tracked
 * @param bankEntries entries in the frame memory
 * @param memoryBytes bytes held by the learning memory
 * @param updates target-model updates so far
 * @param lastLoss training loss of the last update (NaN before the first)
 * @param grclGateShare share of target-model parameters an open GRCL gate holds, mean over objects
 */
public record SegmenterStats(long framesSeen, int objects, int bankEntries, long memoryBytes, long updates, double lastLoss,
        double grclGateShare) {}

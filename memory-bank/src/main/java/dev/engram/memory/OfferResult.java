package dev.engram.memory;

import java.util.List;

/**
 * What happened to an offered entry or state: kept without eviction ({@link Outcome#ADDED}), kept after
 * evicting the listed frames ({@link Outcome#REPLACED}), or not kept because the policy preferred the
 * entries already held ({@link Outcome#DROPPED}; nothing was evicted then).
 */
public record OfferResult(Outcome outcome, List<Long> evictedFrameIndices) {
    public enum Outcome { ADDED, REPLACED, DROPPED }

    private static final OfferResult ADDED = new OfferResult(Outcome.ADDED, List.of());
    private static final OfferResult DROPPED = new OfferResult(Outcome.DROPPED, List.of());

    public OfferResult {
        evictedFrameIndices = List.copyOf(evictedFrameIndices);
        if ((outcome == Outcome.REPLACED) == evictedFrameIndices.isEmpty()) {
            throw new IllegalArgumentException(outcome + " with evicted frames " + evictedFrameIndices);
        }
    }

    public static OfferResult added() { return ADDED; }

    public static OfferResult dropped() { return DROPPED; }

    public static OfferResult replaced(List<Long> evictedFrameIndices) {
        return new OfferResult(Outcome.REPLACED, evictedFrameIndices);
    }

    /** True unless the offer was dropped. */
    public boolean kept() { return outcome != Outcome.DROPPED; }
}

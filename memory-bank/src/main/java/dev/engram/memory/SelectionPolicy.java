package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Decides which frame a full {@link FrameMemory} gives up and which frames, with what weights, a
 * target-model update trains on.
 *
 * <p>A policy instance belongs to exactly one memory: per-entry state (weights, counters, RNG) lives in
 * the policy and follows the memory's entry list through the {@code on*} callbacks, which only the
 * memory calls. Implementations must be deterministic given their serialized state, must never choose
 * an anchor for eviction, and must write a versioned state that {@link #read} restores bit-exactly.
 */
public interface SelectionPolicy {
    /** Returned by {@link #chooseEviction} to keep the current entries and drop the incoming one. */
    int DROP_INCOMING = -1;

    /** Stable name, also the tag of the serialized form: {@code fifo}, {@code reservoir} or {@code rmscl}. */
    String name();

    /** Called once for every offer, before any eviction decision. */
    void onOffer(List<MemoryEntry> entries, MemoryEntry incoming);

    /**
     * The memory is over budget with {@code incoming}: returns the index of a non-anchor entry to evict,
     * or {@link #DROP_INCOMING} (only allowed when {@code mayDropIncoming}; the memory drops anchors never and
     * allows dropping only before the first eviction of an offer). Called repeatedly while still over budget.
     * {@code incoming} is null (and dropping not allowed) when the memory's budget shrinks.
     */
    int chooseEviction(List<MemoryEntry> entries, MemoryEntry incoming, boolean mayDropIncoming);

    /** The entry that was at {@code index} has been removed; {@code entries} is the list after removal. */
    void onEvicted(List<MemoryEntry> entries, int index);

    /** The incoming entry has been appended; {@code entries} is the list after the append. */
    void onAdded(List<MemoryEntry> entries);

    /** The stored weight of entry {@code index}; weights of a memory sum to 1. */
    double weight(List<MemoryEntry> entries, int index);

    /**
     * Entries for a target-model update: every anchor plus at most {@code maxEntries - anchors} others
     * (never fewer than the anchors), indices ascending, weights summing to 1.
     */
    Selection select(List<MemoryEntry> entries, float[] query, int maxEntries);

    /** Writes the format version, the {@link #name()} tag, the configuration and the state. */
    void write(DataOutput out) throws IOException;

    /** Reads any policy written by {@link #write}; IOException on an unknown version or tag. */
    static SelectionPolicy read(DataInput in) throws IOException {
        PolicyHeader.Header h = PolicyHeader.read(in);
        return switch (h.tag()) {
            case WeightedFifoPolicy.NAME -> WeightedFifoPolicy.readBody(in, h.version());
            case ReservoirPolicy.NAME -> ReservoirPolicy.readBody(in, h.version());
            case RmsclPolicy.NAME -> RmsclPolicy.readBody(in, h.version());
            default -> throw new IOException("unknown selection policy '" + h.tag() + "' in state (known: fifo, reservoir, rmscl)");
        };
    }

    /**
     * A fresh policy with default configuration by name ({@code fifo}, {@code reservoir}, {@code rmscl});
     * the seed is used by {@code reservoir} only. IllegalArgumentException on an unknown name.
     */
    static SelectionPolicy named(String name, long seed) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case WeightedFifoPolicy.NAME -> new WeightedFifoPolicy();
            case ReservoirPolicy.NAME -> new ReservoirPolicy(seed);
            case RmsclPolicy.NAME -> new RmsclPolicy();
            default -> throw new IllegalArgumentException("unknown selection policy '" + name
                    + "' (use fifo, reservoir or rmscl)");
        };
    }
}

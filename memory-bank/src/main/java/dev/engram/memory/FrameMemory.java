package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A byte-bounded memory of frames for online target-model learning; a {@link SelectionPolicy} decides
 * what to give up when full and what to train on.
 *
 * <p>Guarantees: {@link #bytes()} (the sum of the entries' {@link MemoryEntry#bytes()}) never exceeds the
 * budget after any call, and is never above it during an offer either, because victims are evicted
 * before the incoming entry is appended. Anchors are never evicted. Entries keep arrival order. All
 * decisions are deterministic given the snapshot written by {@link #write}.
 *
 * <p>Failure behaviour: {@link #offer} throws IllegalArgumentException, leaving the memory unchanged,
 * when an entry is larger than the budget, cannot fit even after evicting every non-anchor entry, or
 * does not share the feature {@code dims} and descriptor length of the entries already held. Not
 * thread-safe; one instance per stream (key).
 */
public final class FrameMemory {
    /** Serialized format version written first by {@link #write}. */
    public static final int FORMAT_VERSION = 1;

    private MemoryBudget budget;
    private final SelectionPolicy policy;
    private final List<MemoryEntry> entries = new ArrayList<>();
    private final List<MemoryEntry> view = Collections.unmodifiableList(entries);
    private long bytes;
    private long anchorBytes;
    private long peakBytes;

    /** The policy instance must be fresh and used by this memory only. */
    public FrameMemory(MemoryBudget budget, SelectionPolicy policy) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Keeps {@code entry} if the policy agrees, evicting non-anchor entries chosen by the policy while the
     * memory would be over budget. The policy may drop the incoming entry only before the first eviction,
     * and never an anchor.
     */
    public OfferResult offer(MemoryEntry entry) {
        Objects.requireNonNull(entry, "entry");
        requireCompatible(entry);
        long size = entry.bytes();
        if (size > budget.bytes()) {
            throw new IllegalArgumentException("entry of frame " + entry.frameIndex() + " needs " + size
                    + " bytes but the whole memory budget is " + budget.bytes() + " bytes (" + budget + ")");
        }
        if (anchorBytes + size > budget.bytes()) {
            throw new IllegalArgumentException("entry of frame " + entry.frameIndex() + " needs " + size
                    + " bytes but only " + (budget.bytes() - anchorBytes) + " of the " + budget.bytes()
                    + " budget bytes can be freed: anchors hold " + anchorBytes + " bytes and are never evicted");
        }
        policy.onOffer(view, entry);
        List<Long> evicted = new ArrayList<>();
        while (bytes + size > budget.bytes()) {
            boolean mayDrop = evicted.isEmpty() && !entry.anchor();
            int victim = policy.chooseEviction(view, entry, mayDrop);
            if (victim == SelectionPolicy.DROP_INCOMING && mayDrop) return OfferResult.dropped();
            if (victim < 0 || victim >= entries.size() || entries.get(victim).anchor()) {
                throw new IllegalStateException("policy " + policy.name() + " chose invalid victim " + victim
                        + " among " + entries.size() + " entries");
            }
            MemoryEntry gone = entries.remove(victim);
            bytes -= gone.bytes();
            evicted.add(gone.frameIndex());
            policy.onEvicted(view, victim);
        }
        entries.add(entry);
        bytes += size;
        if (entry.anchor()) anchorBytes += size;
        peakBytes = Math.max(peakBytes, bytes);
        policy.onAdded(view);
        return evicted.isEmpty() ? OfferResult.added() : OfferResult.replaced(evicted);
    }

    private void requireCompatible(MemoryEntry entry) {
        if (entries.isEmpty()) return;
        MemoryEntry first = entries.get(0);
        if (entry.dims() != first.dims()) {
            throw new IllegalArgumentException("entry of frame " + entry.frameIndex() + " has " + entry.dims()
                    + " feature dims but the memory holds entries with " + first.dims());
        }
        if (entry.descriptorLength() != first.descriptorLength()) {
            throw new IllegalArgumentException("entry of frame " + entry.frameIndex() + " has a descriptor of length "
                    + entry.descriptorLength() + " but the memory holds descriptors of length " + first.descriptorLength());
        }
    }

    /**
     * Changes the budget: a larger one takes effect at once; a smaller one first evicts non-anchor
     * entries chosen by the policy (as when an entry arrives, with nothing incoming to drop) until the
     * entries fit. Returns the evicted frame indices. IllegalArgumentException, leaving the memory
     * unchanged, when the anchors alone exceed {@code newBudget}.
     */
    public List<Long> rebudget(MemoryBudget newBudget) {
        Objects.requireNonNull(newBudget, "budget");
        if (anchorBytes > newBudget.bytes()) {
            throw new IllegalArgumentException("a budget of " + newBudget.bytes() + " bytes cannot hold the anchors' "
                    + anchorBytes + " bytes (anchors are never evicted)");
        }
        List<Long> evicted = new ArrayList<>();
        while (bytes > newBudget.bytes()) {
            int victim = policy.chooseEviction(view, null, false);
            if (victim < 0 || victim >= entries.size() || entries.get(victim).anchor()) {
                throw new IllegalStateException("policy " + policy.name() + " chose invalid victim " + victim
                        + " among " + entries.size() + " entries");
            }
            MemoryEntry gone = entries.remove(victim);
            bytes -= gone.bytes();
            evicted.add(gone.frameIndex());
            policy.onEvicted(view, victim);
        }
        budget = newBudget;
        return evicted;
    }

    /**
     * A copy holding the same entries with all-zero descriptors of {@code length}, for state written
     * with descriptors a newer reader computes differently; policy state and budget are kept.
     */
    public FrameMemory withDescriptors(int length) {
        FrameMemory copy = new FrameMemory(budget, policy);
        for (MemoryEntry e : entries) {
            MemoryEntry z = new MemoryEntry(e.frameIndex(), e.anchor(), e.confidence(), e.rows(), e.dims(), e.features(),
                    e.targets(), new float[length]);
            copy.entries.add(z);
            copy.bytes += z.bytes();
            if (z.anchor()) copy.anchorBytes += z.bytes();
        }
        copy.peakBytes = Math.max(peakBytes, copy.bytes);
        return copy;
    }

    /** The held entries in arrival order; an unmodifiable live view. */
    public List<MemoryEntry> entries() { return view; }

    public int size() { return entries.size(); }

    /** The policy's stored weight of entry {@code i}; the weights of all entries sum to 1. */
    public double weight(int i) { return policy.weight(view, i); }

    /** Bytes held now: the sum of the entries' {@link MemoryEntry#bytes()}. */
    public long bytes() { return bytes; }

    /** The most bytes ever held by this memory (restored with the snapshot). */
    public long peakBytes() { return peakBytes; }

    public MemoryBudget budget() { return budget; }

    public SelectionPolicy policy() { return policy; }

    /**
     * Entries and weights for one target-model update given the current frame's descriptor: all anchors
     * plus at most {@code maxEntries - anchors} others, indices ascending, weights summing to 1 (empty when
     * the memory is). IllegalArgumentException if {@code maxEntries < 1} or, for policies that use it, the
     * query length does not match the descriptors.
     */
    public Selection selectForUpdate(float[] query, int maxEntries) {
        return policy.select(view, query, maxEntries);
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(budget.bytes());
        policy.write(out);
        out.writeInt(entries.size());
        for (MemoryEntry e : entries) e.write(out);
        out.writeLong(peakBytes);
    }

    /** Restores a memory written by {@link #write}; IOException on an unknown version or corrupt data. */
    public static FrameMemory read(DataInput in) throws IOException {
        Codec.requireVersion(in, FORMAT_VERSION, "FrameMemory");
        long budgetBytes = in.readLong();
        if (budgetBytes < 0) throw new IOException("corrupt FrameMemory: negative budget " + budgetBytes);
        FrameMemory memory = new FrameMemory(new MemoryBudget(budgetBytes), SelectionPolicy.read(in));
        int n = Codec.readLength(in, "FrameMemory entries");
        for (int i = 0; i < n; i++) {
            MemoryEntry e = MemoryEntry.read(in);
            memory.entries.add(e);
            memory.bytes += e.bytes();
            if (e.anchor()) memory.anchorBytes += e.bytes();
        }
        memory.peakBytes = in.readLong();
        if (memory.bytes > budgetBytes || memory.peakBytes < memory.bytes) {
            throw new IOException("corrupt FrameMemory: holds " + memory.bytes + " bytes, peak " + memory.peakBytes
                    + ", budget " + budgetBytes);
        }
        return memory;
    }

    @Override
    public String toString() {
        return "FrameMemory{" + policy.name() + ", " + entries.size() + " entries, " + bytes + "/" + budget.bytes() + " bytes}";
    }
}

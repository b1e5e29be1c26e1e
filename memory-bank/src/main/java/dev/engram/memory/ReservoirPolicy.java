package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic reservoir sampling (Algorithm R) over the non-anchor frames: once the memory is full, the
 * n-th non-anchor offer is kept with probability k/n (k = non-anchor entries held) and then replaces a
 * uniformly chosen one, so every offer is equally likely to be held at any time. Anchors are always kept
 * and never count towards n. When an entry needs more room than one eviction frees, further victims are
 * chosen uniformly too.
 *
 * <p>Deterministic for a seed: the generator state and n are part of {@link #write}, so a restored policy
 * makes the same choices as the original. Weights are uniform; an update trains on all anchors plus the
 * newest others, equally weighted.
 */
public final class ReservoirPolicy implements SelectionPolicy {
    static final String NAME = "reservoir";

    private final SplitMix64 random;
    private long seen;
    private int tracked;

    public ReservoirPolicy(long seed) {
        this(new SplitMix64(seed), 0, 0);
    }

    private ReservoirPolicy(SplitMix64 random, long seen, int tracked) {
        this.random = random;
        this.seen = seen;
        this.tracked = tracked;
    }

    /** Number of non-anchor offers seen so far (n in k/n). */
    public long seen() { return seen; }

    @Override
    public String name() { return NAME; }

    @Override
    public void onOffer(List<MemoryEntry> entries, MemoryEntry incoming) {
        PolicyHeader.requireSize(entries, tracked, NAME);
        if (!incoming.anchor()) seen++;
    }

    @Override
    public int chooseEviction(List<MemoryEntry> entries, MemoryEntry incoming, boolean mayDropIncoming) {
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) if (!entries.get(i).anchor()) others.add(i);
        if (others.isEmpty()) throw new IllegalStateException("no non-anchor entry to evict");
        if (mayDropIncoming) {
            // Algorithm R: one draw decides both whether to keep the newcomer and whom it replaces.
            long j = random.nextLong(Math.max(seen, others.size() + 1L));
            return j < others.size() ? others.get((int) j) : DROP_INCOMING;
        }
        return others.get((int) random.nextLong(others.size()));
    }

    @Override
    public void onEvicted(List<MemoryEntry> entries, int index) {
        tracked--;
        PolicyHeader.requireSize(entries, tracked, NAME);
    }

    @Override
    public void onAdded(List<MemoryEntry> entries) {
        tracked++;
        PolicyHeader.requireSize(entries, tracked, NAME);
    }

    @Override
    public double weight(List<MemoryEntry> entries, int index) {
        if (index < 0 || index >= entries.size()) throw new IndexOutOfBoundsException("entry " + index + " of " + entries.size());
        return 1.0 / entries.size();
    }

    @Override
    public Selection select(List<MemoryEntry> entries, float[] query, int maxEntries) {
        TopEntries.requireMax(maxEntries);
        double[] recency = new double[entries.size()];
        for (int i = 0; i < recency.length; i++) recency[i] = i + 1;
        int[] picked = TopEntries.pick(entries, recency, maxEntries - TopEntries.anchorCount(entries));
        double[] w = new double[picked.length];
        java.util.Arrays.fill(w, 1.0 / Math.max(1, picked.length));
        return new Selection(picked, w);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        PolicyHeader.write(out, NAME);
        out.writeLong(random.state());
        out.writeLong(seen);
        out.writeInt(tracked);
    }

    /** Reads a state written by {@link #write}; IOException on an unknown version or another policy's state. */
    public static ReservoirPolicy read(DataInput in) throws IOException {
        return readBody(in, PolicyHeader.expect(in, NAME));
    }

    /** The body of a state whose header gave {@code version}; this policy has only the first format. */
    static ReservoirPolicy readBody(DataInput in, int version) throws IOException {
        PolicyHeader.requireFirst(version, NAME);
        long state = in.readLong();
        long seen = in.readLong();
        int tracked = in.readInt();
        if (seen < 0 || tracked < 0) throw new IOException("corrupt reservoir state: seen=" + seen + ", tracked=" + tracked);
        return new ReservoirPolicy(new SplitMix64(state), seen, tracked);
    }
}

package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * LWL's baseline memory: every kept frame carries a weight; a new frame enters with weight
 * {@code learningRate} while the other non-anchor weights decay by {@code 1 - learningRate}, then all
 * weights are renormalised to sum 1 with the anchors together keeping at least {@code anchorFloor}
 * (default 0.25). When full, the lowest-weight non-anchor entry (the oldest on ties) is evicted; this
 * policy never drops an incoming frame. As in LWL, the first entry of an empty memory gets weight 1
 * (there it is the ground-truth frame, which should be an anchor), so a first non-anchor entry outlives a
 * few later ones before its weight decays below theirs. An update trains on all entries with their weights, or, when
 * capped, on the anchors plus the heaviest others, renormalised the same way.
 */
public final class WeightedFifoPolicy implements SelectionPolicy {
    static final String NAME = "fifo";
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final double DEFAULT_ANCHOR_FLOOR = 0.25;

    private final double learningRate;
    private final double anchorFloor;
    private double[] weights = new double[8];
    private int count;

    public WeightedFifoPolicy() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_ANCHOR_FLOOR);
    }

    /** IllegalArgumentException unless {@code 0 < learningRate <= 1} and {@code 0 <= anchorFloor < 1}. */
    public WeightedFifoPolicy(double learningRate, double anchorFloor) {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (!(anchorFloor >= 0 && anchorFloor < 1)) {
            throw new IllegalArgumentException("anchorFloor must be in [0, 1), got " + anchorFloor);
        }
        this.learningRate = learningRate;
        this.anchorFloor = anchorFloor;
    }

    public double learningRate() { return learningRate; }
    public double anchorFloor() { return anchorFloor; }

    @Override
    public String name() { return NAME; }

    @Override
    public void onOffer(List<MemoryEntry> entries, MemoryEntry incoming) {
        PolicyHeader.requireSize(entries, count, NAME);
    }

    @Override
    public int chooseEviction(List<MemoryEntry> entries, MemoryEntry incoming, boolean mayDropIncoming) {
        int victim = -1;
        for (int i = 0; i < count; i++) {
            if (!entries.get(i).anchor() && (victim < 0 || weights[i] < weights[victim])) victim = i;
        }
        if (victim < 0) throw new IllegalStateException("no non-anchor entry to evict");
        return victim;
    }

    @Override
    public void onEvicted(List<MemoryEntry> entries, int index) {
        System.arraycopy(weights, index + 1, weights, index, count - index - 1);
        count--;
        PolicyHeader.requireSize(entries, count, NAME);
    }

    @Override
    public void onAdded(List<MemoryEntry> entries) {
        if (count == weights.length) weights = Arrays.copyOf(weights, 2 * count);
        for (int i = 0; i < count; i++) {
            if (!entries.get(i).anchor()) weights[i] *= 1 - learningRate;
        }
        weights[count] = count == 0 ? 1 : learningRate;
        count++;
        PolicyHeader.requireSize(entries, count, NAME);
        double[] w = Arrays.copyOf(weights, count);
        AnchorShare.normalise(w, anchors(entries), anchorFloor);
        System.arraycopy(w, 0, weights, 0, count);
    }

    private static boolean[] anchors(List<MemoryEntry> entries) {
        boolean[] a = new boolean[entries.size()];
        for (int i = 0; i < a.length; i++) a[i] = entries.get(i).anchor();
        return a;
    }

    @Override
    public double weight(List<MemoryEntry> entries, int index) {
        PolicyHeader.requireSize(entries, count, NAME);
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException("entry " + index + " of " + count);
        return weights[index];
    }

    @Override
    public Selection select(List<MemoryEntry> entries, float[] query, int maxEntries) {
        TopEntries.requireMax(maxEntries);
        PolicyHeader.requireSize(entries, count, NAME);
        int[] picked = TopEntries.pick(entries, Arrays.copyOf(weights, count),
                maxEntries - TopEntries.anchorCount(entries));
        double[] w = new double[picked.length];
        for (int i = 0; i < picked.length; i++) w[i] = weights[picked[i]];
        AnchorShare.normalise(w, AnchorShare.anchors(entries, picked), anchorFloor);
        return new Selection(picked, w);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        PolicyHeader.write(out, NAME);
        out.writeDouble(learningRate);
        out.writeDouble(anchorFloor);
        Codec.writeDoubles(out, weights, count);
    }

    /** Reads a state written by {@link #write}; IOException on an unknown version or another policy's state. */
    public static WeightedFifoPolicy read(DataInput in) throws IOException {
        return readBody(in, PolicyHeader.expect(in, NAME));
    }

    /** The body of a state whose header gave {@code version}; this policy has only the first format. */
    static WeightedFifoPolicy readBody(DataInput in, int version) throws IOException {
        PolicyHeader.requireFirst(version, NAME);
        double lr = in.readDouble();
        double floor = in.readDouble();
        double[] w = Codec.readDoubles(in, "fifo weights");
        WeightedFifoPolicy p;
        try {
            p = new WeightedFifoPolicy(lr, floor);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt fifo policy state: " + e.getMessage(), e);
        }
        p.weights = Arrays.copyOf(w, Math.max(8, w.length));
        p.count = w.length;
        return p;
    }
}

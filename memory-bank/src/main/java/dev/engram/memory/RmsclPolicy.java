package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reconstruction-based memory selection (RMSCL). A query descriptor q is reconstructed from the held
 * entries' descriptors D by the elastic net α = argmin ½‖q − Dα‖² + λ₁‖α‖₁ + ½λ₂‖α‖² (deterministic
 * coordinate descent, at most {@code sweeps} sweeps). Descriptors are used as given, so λ₁ and λ₂ are on
 * their scale; L2-normalised descriptors suit the defaults.
 *
 * <p>Update selection: every anchor plus the {@code topK} non-anchors with the largest non-zero |α|
 * (capped by the caller's {@code maxEntries}), weighted ∝ |α|, the anchors together keeping at least
 * {@code anchorFloor}. If no coefficient is non-zero and there is no anchor, the newest entries are used,
 * equally weighted.
 *
 * <p>Eviction: the non-anchor entry best reconstructed by the others (smallest ‖d_j − D₋ⱼα‖ / ‖d_j‖;
 * an all-zero descriptor counts as perfectly redundant; the oldest wins ties) is the most redundant and
 * goes. The incoming entry is a candidate too, when the memory allows dropping it; if it is the most
 * redundant, the memory reports {@link OfferResult.Outcome#DROPPED}. So that eviction stays affordable
 * when the memory is large, exact residuals are solved only for the {@value #CANDIDATES} candidates
 * whose descriptor is most correlated with another one (an entry nothing resembles cannot be
 * redundant), each against the {@value #ATOMS} entries most correlated with it: the cost is one Gram
 * matrix plus a fixed number of small elastic nets, not one net over all entries per entry.
 *
 * <p>Recent share: the newest {@code floor(recentFraction × n)} of the n non-anchor entries (the
 * incoming one counted as the newest) are never evicted for redundancy. Consecutive frames of a stream
 * resemble each other, so without it the newest frames are the most redundant and go first, and on a
 * stream whose appearance drifts and never returns the memory keeps ever older views while dropping
 * the ones that look like now. Off by default: on the drift streams it measured no gain
 * (docs/BENCHMARKS.md, the drift streams of other seeds). Stateless apart from
 * configuration; a state written before the recent share existed (format version 1) reads with none.
 */
public final class RmsclPolicy implements SelectionPolicy {
    static final String NAME = "rmscl";
    /** Eviction candidates whose residual is solved exactly. */
    static final int CANDIDATES = 8;
    /** Dictionary size of each candidate's reconstruction during eviction. */
    static final int ATOMS = 32;
    public static final double DEFAULT_RECENT_FRACTION = 0;
    /** Format version of a state with a recent share. */
    static final int RECENT_VERSION = PolicyHeader.NEWEST_VERSION;

    private final int topK;
    private final double lambda1;
    private final double lambda2;
    private final int sweeps;
    private final double anchorFloor;
    private final double recentFraction;

    /** Defaults: topK 4, λ₁ 0.01, λ₂ 0.01, 200 sweeps, anchor floor 0.25, recent share {@value #DEFAULT_RECENT_FRACTION}. */
    public RmsclPolicy() {
        this(builder());
    }

    private RmsclPolicy(Builder b) {
        this.topK = b.topK;
        this.lambda1 = b.lambda1;
        this.lambda2 = b.lambda2;
        this.sweeps = b.sweeps;
        this.anchorFloor = b.anchorFloor;
        this.recentFraction = b.recentFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration; {@link #build()} throws IllegalArgumentException naming any value out of range. */
    public static final class Builder {
        private int topK = 4;
        private double lambda1 = 0.01;
        private double lambda2 = 0.01;
        private int sweeps = 200;
        private double anchorFloor = 0.25;
        private double recentFraction = DEFAULT_RECENT_FRACTION;

        private Builder() {}

        /** Non-anchor entries per update (≥ 1). */
        public Builder topK(int topK) { this.topK = topK; return this; }
        /** Sparsity weight λ₁ (≥ 0). */
        public Builder lambda1(double lambda1) { this.lambda1 = lambda1; return this; }
        /** Ridge weight λ₂ (&gt; 0, keeps the problem strictly convex when descriptors repeat). */
        public Builder lambda2(double lambda2) { this.lambda2 = lambda2; return this; }
        /** Maximum coordinate-descent sweeps (≥ 1). */
        public Builder sweeps(int sweeps) { this.sweeps = sweeps; return this; }
        /** Minimum total weight of the anchors in an update, in [0, 1). */
        public Builder anchorFloor(double anchorFloor) { this.anchorFloor = anchorFloor; return this; }
        /** Share of the non-anchor entries, the newest, never evicted for redundancy, in [0, 1). */
        public Builder recentFraction(double recentFraction) { this.recentFraction = recentFraction; return this; }

        public RmsclPolicy build() {
            if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            if (!(lambda1 >= 0 && Double.isFinite(lambda1))) throw new IllegalArgumentException("lambda1 must be >= 0, got " + lambda1);
            if (!(lambda2 > 0 && Double.isFinite(lambda2))) throw new IllegalArgumentException("lambda2 must be > 0, got " + lambda2);
            if (sweeps < 1) throw new IllegalArgumentException("sweeps must be >= 1, got " + sweeps);
            if (!(anchorFloor >= 0 && anchorFloor < 1)) {
                throw new IllegalArgumentException("anchorFloor must be in [0, 1), got " + anchorFloor);
            }
            if (!(recentFraction >= 0 && recentFraction < 1)) {
                throw new IllegalArgumentException("recentFraction must be in [0, 1), got " + recentFraction);
            }
            return new RmsclPolicy(this);
        }
    }

    public int topK() { return topK; }
    public double lambda1() { return lambda1; }
    public double lambda2() { return lambda2; }
    public int sweeps() { return sweeps; }
    public double anchorFloor() { return anchorFloor; }
    public double recentFraction() { return recentFraction; }

    @Override
    public String name() { return NAME; }

    /**
     * The reconstruction coefficients α of {@code query}, one per entry. IllegalArgumentException if the
     * query length differs from the entries' descriptor length or holds NaN/infinity.
     */
    public double[] coefficients(List<MemoryEntry> entries, float[] query) {
        if (entries.isEmpty()) return new double[0];
        requireQuery(entries, query);
        float[][] d = descriptors(entries);
        double[] c = new double[d.length];
        for (int j = 0; j < d.length; j++) c[j] = ElasticNet.dot(d[j], query);
        boolean[] use = new boolean[d.length];
        Arrays.fill(use, true);
        return ElasticNet.solve(ElasticNet.gram(d), c, use, lambda1, lambda2, sweeps);
    }

    /**
     * How poorly each entry is reconstructed by all the others, ‖d_j − D₋ⱼα‖ / ‖d_j‖ (0 = fully redundant).
     * The last value belongs to {@code incoming} when it is non-null.
     */
    public double[] relativeResiduals(List<MemoryEntry> entries, MemoryEntry incoming) {
        float[][] pool = pool(entries, incoming);
        double[][] gram = ElasticNet.gram(pool);
        double[] r = new double[pool.length];
        for (int j = 0; j < pool.length; j++) r[j] = relativeResidual(pool, gram, j);
        return r;
    }

    private double relativeResidual(float[][] pool, double[][] gram, int j) {
        boolean[] use = new boolean[pool.length];
        Arrays.fill(use, true);
        use[j] = false;
        return relativeResidual(pool, gram, j, use);
    }

    /** ‖d_j − D_use α‖ / ‖d_j‖ with α the elastic-net reconstruction over the entries in {@code use}. */
    private double relativeResidual(float[][] pool, double[][] gram, int j, boolean[] use) {
        double norm = Math.sqrt(gram[j][j]);
        if (norm == 0) return 0;
        double[] c = new double[pool.length];
        for (int k = 0; k < pool.length; k++) c[k] = gram[k][j];
        double[] alpha = ElasticNet.solve(gram, c, use, lambda1, lambda2, sweeps);
        float[] target = pool[j];
        double sq = 0;
        for (int i = 0; i < target.length; i++) {
            double recon = 0;
            for (int k = 0; k < pool.length; k++) if (alpha[k] != 0) recon += alpha[k] * pool[k][i];
            double diff = target[i] - recon;
            sq += diff * diff;
        }
        return Math.sqrt(sq) / norm;
    }

    @Override
    public void onOffer(List<MemoryEntry> entries, MemoryEntry incoming) {}

    @Override
    public int chooseEviction(List<MemoryEntry> entries, MemoryEntry incoming, boolean mayDropIncoming) {
        float[][] pool = pool(entries, incoming);
        double[][] gram = ElasticNet.gram(pool);
        int m = pool.length;
        // Screen: an entry's largest |cosine| with any other; exact residuals only for the top candidates.
        double[] closeness = new double[m];
        List<Integer> candidates = new java.util.ArrayList<>();
        boolean[] recent = recent(entries, incoming);
        for (int j = 0; j < m; j++) {
            boolean candidate = j < entries.size() ? !entries.get(j).anchor() : mayDropIncoming;
            if (!candidate || recent[j]) continue;
            candidates.add(j);
            closeness[j] = gram[j][j] == 0 ? Double.POSITIVE_INFINITY : maxCosine(gram, j);
        }
        if (candidates.isEmpty()) throw new IllegalStateException("no non-anchor entry to evict");
        candidates.sort((a, b) -> closeness[a] != closeness[b] ? Double.compare(closeness[b], closeness[a]) : Integer.compare(a, b));
        List<Integer> exact = candidates.subList(0, Math.min(CANDIDATES, candidates.size()));
        int best = -2;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int j : exact.stream().sorted().toList()) {
            double r = relativeResidual(pool, gram, j, nearest(gram, j, ATOMS));
            if (r < bestResidual) {
                bestResidual = r;
                best = j;
            }
        }
        return best == entries.size() ? DROP_INCOMING : best;
    }

    /**
     * Which pool positions (entries, then the incoming one if any) are in the protected recent share:
     * the newest {@code floor(recentFraction × n)} of the n non-anchors (an incoming anchor is not one),
     * never all of them.
     */
    private boolean[] recent(List<MemoryEntry> entries, MemoryEntry incoming) {
        int m = entries.size() + (incoming != null ? 1 : 0);
        boolean[] recent = new boolean[m];
        int nonAnchors = incoming != null && !incoming.anchor() ? 1 : 0;
        for (MemoryEntry e : entries) if (!e.anchor()) nonAnchors++;
        int keep = Math.min(nonAnchors - 1, (int) Math.floor(recentFraction * nonAnchors));
        for (int j = m - 1; j >= 0 && keep > 0; j--) {
            MemoryEntry e = j < entries.size() ? entries.get(j) : incoming;
            if (e.anchor()) continue;
            recent[j] = true;
            keep--;
        }
        return recent;
    }

    private static double maxCosine(double[][] gram, int j) {
        double best = 0;
        for (int k = 0; k < gram.length; k++) {
            if (k == j || gram[k][k] == 0) continue;
            best = Math.max(best, Math.abs(gram[j][k]) / Math.sqrt(gram[j][j] * gram[k][k]));
        }
        return best;
    }

    /** The {@code count} entries other than {@code j} most correlated with it (|cosine|), as a mask. */
    private static boolean[] nearest(double[][] gram, int j, int count) {
        int m = gram.length;
        boolean[] use = new boolean[m];
        if (m - 1 <= count) {
            java.util.Arrays.fill(use, true);
            use[j] = false;
            return use;
        }
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) order[k] = k;
        double[] cos = new double[m];
        for (int k = 0; k < m; k++) {
            cos[k] = k == j || gram[k][k] == 0 || gram[j][j] == 0 ? -1 : Math.abs(gram[j][k]) / Math.sqrt(gram[j][j] * gram[k][k]);
        }
        java.util.Arrays.sort(order, (a, b) -> cos[a] != cos[b] ? Double.compare(cos[b], cos[a]) : Integer.compare(a, b));
        for (int i = 0; i < count; i++) if (order[i] != j) use[order[i]] = true;
        return use;
    }

    @Override
    public void onEvicted(List<MemoryEntry> entries, int index) {}

    @Override
    public void onAdded(List<MemoryEntry> entries) {}

    @Override
    public double weight(List<MemoryEntry> entries, int index) {
        if (index < 0 || index >= entries.size()) throw new IndexOutOfBoundsException("entry " + index + " of " + entries.size());
        return 1.0 / entries.size();
    }

    @Override
    public Selection select(List<MemoryEntry> entries, float[] query, int maxEntries) {
        TopEntries.requireMax(maxEntries);
        if (entries.isEmpty()) return Selection.empty();
        double[] alpha = coefficients(entries, query);
        double[] score = new double[alpha.length];
        for (int i = 0; i < alpha.length; i++) score[i] = Math.abs(alpha[i]);
        int others = Math.min(topK, maxEntries - TopEntries.anchorCount(entries));
        int[] picked = TopEntries.pick(entries, score, others);
        if (picked.length == 0) {
            // Nothing explains the query and no anchor exists: fall back to the newest frames.
            double[] recency = new double[entries.size()];
            for (int i = 0; i < recency.length; i++) recency[i] = i + 1;
            picked = TopEntries.pick(entries, recency, Math.min(topK, maxEntries));
            double[] w = new double[picked.length];
            Arrays.fill(w, 1.0 / picked.length);
            return new Selection(picked, w);
        }
        double[] w = new double[picked.length];
        for (int i = 0; i < picked.length; i++) w[i] = score[picked[i]];
        AnchorShare.normalise(w, AnchorShare.anchors(entries, picked), anchorFloor);
        return new Selection(picked, w);
    }

    private static void requireQuery(List<MemoryEntry> entries, float[] query) {
        if (query == null) throw new IllegalArgumentException("query descriptor must not be null");
        int expected = entries.get(0).descriptorLength();
        if (query.length != expected) {
            throw new IllegalArgumentException("query descriptor has length " + query.length
                    + " but the memory's descriptors have length " + expected);
        }
        MemoryEntry.requireFinite("query", query);
    }

    private static float[][] descriptors(List<MemoryEntry> entries) {
        float[][] d = new float[entries.size()][];
        for (int i = 0; i < d.length; i++) d[i] = entries.get(i).descriptorArray();
        return d;
    }

    private static float[][] pool(List<MemoryEntry> entries, MemoryEntry incoming) {
        float[][] d = descriptors(entries);
        if (incoming == null) return d;
        float[][] p = Arrays.copyOf(d, d.length + 1);
        p[d.length] = incoming.descriptorArray();
        return p;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        // Without a recent share the first format's bytes, which any earlier build reads.
        boolean first = recentFraction == 0;
        PolicyHeader.write(out, NAME, first ? PolicyHeader.FORMAT_VERSION : RECENT_VERSION);
        out.writeInt(topK);
        out.writeDouble(lambda1);
        out.writeDouble(lambda2);
        out.writeInt(sweeps);
        out.writeDouble(anchorFloor);
        if (!first) out.writeDouble(recentFraction);
    }

    /** Reads a state written by {@link #write}; IOException on an unknown version or another policy's state. */
    public static RmsclPolicy read(DataInput in) throws IOException {
        return readBody(in, PolicyHeader.expect(in, NAME));
    }

    /** The body of a state of format {@code version}: 1 (no recent share) or {@value #RECENT_VERSION}. */
    static RmsclPolicy readBody(DataInput in, int version) throws IOException {
        Builder b = builder().topK(in.readInt()).lambda1(in.readDouble()).lambda2(in.readDouble())
                .sweeps(in.readInt()).anchorFloor(in.readDouble());
        b.recentFraction(version >= RECENT_VERSION ? in.readDouble() : 0);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt rmscl policy state: " + e.getMessage(), e);
        }
    }
}

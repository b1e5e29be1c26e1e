package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Gated-regularizer continual learning (GRCL): a byte-bounded memory of earlier target-model states,
 * each a parameter vector θ with a gate g in [0,1] marking the parameters that mattered for it, and the
 * penalty {@code strength × (1/S) Σ_states Σ_i g_i (w_i − θ_i)²} over the S stored states that pulls a new
 * model towards them only where the gate is open, so gated-off parameters stay free to learn. The mean
 * over states keeps the pull the same whether the memory holds one state or seventy: as a sum (format
 * version 1, still read and kept as written) it grew with every state stored, until on a long stream it
 * all but froze the gated parameters at the average of the last states.
 *
 * <p>Gates from importance ({@link #store}): binary, 1 for the {@code ceil(gateFraction × P)} parameters
 * with the largest |importance| (lower index first on ties), 0 elsewhere; a parameter with zero importance
 * is never gated on. The penalty is meant for objectives of the form {@code ‖Xw − y‖² + penalty(w)}:
 * {@link #addGradient} adds its exact gradient and {@link #addToNormalEquations} its share of
 * {@code (XᵀX + D) w = Xᵀy + r}, the ridge convention.
 *
 * <p>Guarantees: {@link #bytes()} (8·P + {@link #OVERHEAD_BYTES} per state) never exceeds the budget;
 * anchor states (the first-frame model) are never evicted; otherwise the oldest state is evicted first.
 * Failure behaviour: IllegalArgumentException, leaving the memory unchanged, when a vector's length is not
 * the parameter count, a value is NaN/infinite or a gate is outside [0,1], or a state cannot fit even after
 * evicting every non-anchor state. Not thread-safe.
 */
public final class GatedRegularizer {
    /** Serialized format version written first by {@link #write}. */
    public static final int FORMAT_VERSION = 2;
    /** The first format, whose penalty is the sum over states: read, and kept a sum, so restored streams go on as they ran. */
    static final int SUM_FORMAT_VERSION = 1;
    /** Fixed bytes charged per state besides its two float arrays: headers, frame index, flag. */
    public static final long OVERHEAD_BYTES = 64;
    public static final double DEFAULT_STRENGTH = 1.0;
    public static final double DEFAULT_GATE_FRACTION = 0.5;

    private record State(long frameIndex, boolean anchor, float[] params, float[] gate) {}

    private final MemoryBudget budget;
    private final int paramCount;
    private final double gateFraction;
    private double strength;
    // False only for regularizers restored from format 1 (penalty summed over the states).
    private boolean mean = true;
    private final List<State> states = new ArrayList<>();
    private long peakBytes;
    // Σ g and Σ g·θ per parameter, recomputed from the states on every change so they never drift.
    private final double[] gateSum;
    private final double[] gateThetaSum;

    /** Default strength 1 and gate fraction 0.5. */
    public GatedRegularizer(MemoryBudget budget, int paramCount) {
        this(builder(paramCount).budget(budget));
    }

    private GatedRegularizer(Builder b) {
        this.budget = b.budget;
        this.paramCount = b.paramCount;
        this.gateFraction = b.gateFraction;
        this.strength = b.strength;
        this.gateSum = new double[paramCount];
        this.gateThetaSum = new double[paramCount];
    }

    public static Builder builder(int paramCount) {
        return new Builder(paramCount);
    }

    /** Configuration; {@link #build()} throws IllegalArgumentException naming any value out of range. */
    public static final class Builder {
        private final int paramCount;
        private MemoryBudget budget = MemoryBudget.unbounded();
        private double strength = DEFAULT_STRENGTH;
        private double gateFraction = DEFAULT_GATE_FRACTION;

        private Builder(int paramCount) { this.paramCount = paramCount; }

        public Builder budget(MemoryBudget budget) { this.budget = Objects.requireNonNull(budget, "budget"); return this; }
        /** Penalty strength (≥ 0). */
        public Builder strength(double strength) { this.strength = strength; return this; }
        /** Fraction of parameters gated on per state, in [0, 1]. */
        public Builder gateFraction(double gateFraction) { this.gateFraction = gateFraction; return this; }

        public GatedRegularizer build() {
            if (paramCount < 1) throw new IllegalArgumentException("paramCount must be >= 1, got " + paramCount);
            requireStrength(strength);
            if (!(gateFraction >= 0 && gateFraction <= 1)) {
                throw new IllegalArgumentException("gateFraction must be in [0, 1], got " + gateFraction);
            }
            return new GatedRegularizer(this);
        }
    }

    private static void requireStrength(double strength) {
        if (!(strength >= 0 && Double.isFinite(strength))) {
            throw new IllegalArgumentException("strength must be finite and >= 0, got " + strength);
        }
    }

    /** Stores a model state with a binary gate computed from {@code importance} (see class doc). */
    public OfferResult store(long frameIndex, float[] params, float[] importance, boolean anchor) {
        requireLength("importance", importance);
        MemoryEntry.requireFinite("importance", importance);
        return storeGated(frameIndex, params, gateFrom(importance, gateFraction), anchor);
    }

    /** The binary gate {@link #store} derives from importance, exposed so callers can inspect it. */
    public static float[] gateFrom(float[] importance, double gateFraction) {
        Integer[] order = new Integer[importance.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(Math.abs(importance[b]), Math.abs(importance[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int open = (int) Math.min(importance.length, Math.ceil(gateFraction * importance.length));
        float[] gate = new float[importance.length];
        for (int k = 0; k < open; k++) {
            int i = order[k];
            if (importance[i] != 0) gate[i] = 1f;
        }
        return gate;
    }

    /** Stores a model state with a caller-supplied gate, each value in [0, 1]; oldest non-anchor states go first. */
    public OfferResult storeGated(long frameIndex, float[] params, float[] gate, boolean anchor) {
        requireLength("params", params);
        requireLength("gate", gate);
        MemoryEntry.requireFinite("params", params);
        for (int i = 0; i < gate.length; i++) {
            if (!(gate[i] >= 0 && gate[i] <= 1)) {
                throw new IllegalArgumentException("gate[" + i + "] is " + gate[i] + "; gates must be in [0, 1]");
            }
        }
        long size = stateBytes();
        long anchorBytes = anchorCount() * size;
        if (anchorBytes + size > budget.bytes()) {
            throw new IllegalArgumentException("a model state needs " + size + " bytes but only "
                    + Math.max(0, budget.bytes() - anchorBytes) + " of the " + budget.bytes()
                    + " budget bytes can be freed (anchor states hold " + anchorBytes + " bytes and are never evicted)");
        }
        List<Long> evicted = new ArrayList<>();
        while (bytes() + size > budget.bytes()) {
            int oldest = 0;
            while (states.get(oldest).anchor()) oldest++;
            evicted.add(states.remove(oldest).frameIndex());
        }
        states.add(new State(frameIndex, anchor, params.clone(), gate.clone()));
        peakBytes = Math.max(peakBytes, bytes());
        recomputeSums();
        return evicted.isEmpty() ? OfferResult.added() : OfferResult.replaced(evicted);
    }

    private void recomputeSums() {
        Arrays.fill(gateSum, 0);
        Arrays.fill(gateThetaSum, 0);
        for (State s : states) {
            for (int i = 0; i < paramCount; i++) {
                gateSum[i] += s.gate[i];
                gateThetaSum[i] += (double) s.gate[i] * s.params[i];
            }
        }
    }

    /** strength × (1/S) Σ_states Σ_i g_i (w_i − θ_i)² (without the 1/S when restored from format 1). */
    public double penalty(float[] w) {
        requireLength("w", w);
        double sum = 0;
        for (State s : states) {
            for (int i = 0; i < paramCount; i++) {
                double d = w[i] - (double) s.params[i];
                sum += s.gate[i] * d * d;
            }
        }
        return scale() * sum;
    }

    /** The factor in front of the sum over states: strength, divided by the number of states unless summed. */
    private double scale() {
        return mean && !states.isEmpty() ? strength / states.size() : strength;
    }

    /** True when the penalty averages over the states (false only for one restored from format 1). */
    public boolean averagesStates() { return mean; }

    /** Adds ∂penalty/∂w = 2·scale·Σ g_i (w_i − θ_i) to {@code grad}, scale as in {@link #penalty}. */
    public void addGradient(float[] w, float[] grad) {
        requireLength("w", w);
        requireLength("grad", grad);
        double k = scale();
        for (int i = 0; i < paramCount; i++) {
            grad[i] += (float) (2 * k * (gateSum[i] * w[i] - gateThetaSum[i]));
        }
    }

    /**
     * Adds scale·Σ g_i to {@code diag[i]} and scale·Σ g_i θ_i to {@code rhs[i]} (scale as in {@link #penalty}): the penalty's share of
     * the normal equations {@code (XᵀX + diag) w = Xᵀy + rhs} of {@code ‖Xw − y‖² + penalty(w)}.
     */
    public void addToNormalEquations(double[] diag, double[] rhs) {
        if (diag.length != paramCount || rhs.length != paramCount) {
            throw new IllegalArgumentException("diag and rhs must have " + paramCount + " values (the parameter count), got "
                    + diag.length + " and " + rhs.length);
        }
        double k = scale();
        for (int i = 0; i < paramCount; i++) {
            diag[i] += k * gateSum[i];
            rhs[i] += k * gateThetaSum[i];
        }
    }

    private void requireLength(String name, float[] v) {
        if (v == null) throw new IllegalArgumentException(name + " must not be null");
        if (v.length != paramCount) {
            throw new IllegalArgumentException(name + " has " + v.length + " values but the regularizer has "
                    + paramCount + " parameters");
        }
    }

    private long stateBytes() {
        return 8L * paramCount + OVERHEAD_BYTES;
    }

    private int anchorCount() {
        int n = 0;
        for (State s : states) if (s.anchor()) n++;
        return n;
    }

    /** Share of parameters at least one stored state's gate holds open (pulled towards earlier models); 0 when empty. */
    public double openShare() {
        int open = 0;
        for (double g : gateSum) if (g > 0) open++;
        return open / (double) paramCount;
    }

    public int size() { return states.size(); }
    public long bytes() { return states.size() * stateBytes(); }
    public long peakBytes() { return peakBytes; }
    public MemoryBudget budget() { return budget; }
    public int paramCount() { return paramCount; }
    public double gateFraction() { return gateFraction; }
    public double strength() { return strength; }

    /** IllegalArgumentException unless finite and ≥ 0; takes effect on the next penalty call. */
    public void setStrength(double strength) {
        requireStrength(strength);
        this.strength = strength;
    }

    /** Frame index of stored state {@code i} (oldest first). */
    public long frameIndex(int i) { return states.get(i).frameIndex(); }
    public boolean isAnchor(int i) { return states.get(i).anchor(); }
    /** A copy of the parameters of state {@code i}. */
    public float[] params(int i) { return states.get(i).params().clone(); }
    /** A copy of the gate of state {@code i}. */
    public float[] gate(int i) { return states.get(i).gate().clone(); }

    public void write(DataOutput out) throws IOException {
        out.writeInt(mean ? FORMAT_VERSION : SUM_FORMAT_VERSION);
        out.writeLong(budget.bytes());
        out.writeInt(paramCount);
        out.writeDouble(strength);
        out.writeDouble(gateFraction);
        out.writeLong(peakBytes);
        out.writeInt(states.size());
        for (State s : states) {
            out.writeLong(s.frameIndex());
            out.writeBoolean(s.anchor());
            Codec.writeFloats(out, s.params());
            Codec.writeFloats(out, s.gate());
        }
    }

    /**
     * Restores a regularizer written by {@link #write}, format 1 (summed penalty, kept so) or 2; IOException on an
     * unknown version or corrupt data.
     */
    public static GatedRegularizer read(DataInput in) throws IOException {
        int version = Codec.readVersion(in, SUM_FORMAT_VERSION, FORMAT_VERSION, "GatedRegularizer");
        long budgetBytes = in.readLong();
        int paramCount = in.readInt();
        double strength = in.readDouble();
        double gateFraction = in.readDouble();
        long peak = in.readLong();
        int n = Codec.readLength(in, "GatedRegularizer states");
        GatedRegularizer g;
        try {
            g = builder(paramCount).budget(new MemoryBudget(budgetBytes)).strength(strength).gateFraction(gateFraction).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt GatedRegularizer: " + e.getMessage(), e);
        }
        for (int k = 0; k < n; k++) {
            long frame = in.readLong();
            boolean anchor = in.readBoolean();
            float[] params = Codec.readFloats(in, "params");
            float[] gate = Codec.readFloats(in, "gate");
            if (params.length != paramCount || gate.length != paramCount) {
                throw new IOException("corrupt GatedRegularizer: state of " + params.length + "/" + gate.length
                        + " values for " + paramCount + " parameters");
            }
            g.states.add(new State(frame, anchor, params, gate));
        }
        if (g.bytes() > budgetBytes || peak < g.bytes()) {
            throw new IOException("corrupt GatedRegularizer: holds " + g.bytes() + " bytes, peak " + peak + ", budget " + budgetBytes);
        }
        g.peakBytes = peak;
        g.mean = version == FORMAT_VERSION;
        g.recomputeSums();
        return g;
    }
}

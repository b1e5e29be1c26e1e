package dev.engram.memory;

import java.util.Arrays;

/**
 * The entries a target-model update should train on and how much each counts.
 *
 * <p>Indices refer to {@link FrameMemory#entries()} at the time of the call, in ascending order;
 * weights are non-negative and sum to 1 unless the selection is empty. Arrays are copied in and out.
 */
public record Selection(int[] indices, double[] weights) {
    public Selection {
        if (indices == null || weights == null) throw new IllegalArgumentException("indices and weights must not be null");
        if (indices.length != weights.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + weights.length + " weights");
        }
        indices = indices.clone();
        weights = weights.clone();
    }

    public static Selection empty() {
        return new Selection(new int[0], new double[0]);
    }

    @Override
    public int[] indices() { return indices.clone(); }

    @Override
    public double[] weights() { return weights.clone(); }

    public int size() { return indices.length; }

    public int index(int i) { return indices[i]; }

    public double weight(int i) { return weights[i]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection s && Arrays.equals(indices, s.indices) && Arrays.equals(weights, s.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Selection" + Arrays.toString(indices) + Arrays.toString(weights);
    }
}

package dev.engram.memory;

/** Normalises weights so anchors together keep at least a floor share, because the first frame is the only ground truth. */
final class AnchorShare {
    private AnchorShare() {}

    /**
     * Scales {@code weights} in place to sum to 1 with the anchors' share at least {@code floor}.
     * Anchors with all-zero weight split their share equally; if nothing has weight, all entries share equally.
     */
    static void normalise(double[] weights, boolean[] anchor, double floor) {
        int n = weights.length;
        if (n == 0) return;
        double anchorSum = 0, otherSum = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            if (anchor[i]) { anchorSum += weights[i]; anchors++; } else otherSum += weights[i];
        }
        if (anchorSum + otherSum <= 0) {
            java.util.Arrays.fill(weights, 1.0 / n);
            if (anchors > 0 && anchors < n) normalise(weights, anchor, floor);
            return;
        }
        double anchorShare = anchorSum / (anchorSum + otherSum);
        if (anchors == 0) anchorShare = 0;
        else if (otherSum <= 0) anchorShare = 1;
        else anchorShare = Math.max(anchorShare, floor);
        for (int i = 0; i < n; i++) {
            if (anchor[i]) {
                weights[i] = anchorSum > 0 ? weights[i] / anchorSum * anchorShare : anchorShare / anchors;
            } else {
                weights[i] = otherSum > 0 ? weights[i] / otherSum * (1 - anchorShare) : 0;
            }
        }
    }

    static boolean[] anchors(java.util.List<MemoryEntry> entries, int[] indices) {
        boolean[] a = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) a[i] = entries.get(indices[i]).anchor();
        return a;
    }
}

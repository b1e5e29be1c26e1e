package dev.engram.memory;

import java.util.ArrayList;
import java.util.List;

/** Picks every anchor plus the best-scoring other entries; shared by the policies' update selections. */
final class TopEntries {
    private TopEntries() {}

    /**
     * Ascending indices of all anchors plus up to {@code maxOthers} non-anchors with positive score,
     * highest score first, ties to the newer (higher) index because newer frames look more like the query.
     */
    static int[] pick(List<MemoryEntry> entries, double[] score, int maxOthers) {
        List<Integer> others = new ArrayList<>();
        boolean[] chosen = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).anchor()) chosen[i] = true;
            else if (score[i] > 0) others.add(i);
        }
        others.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(b, a));
        for (int k = 0; k < Math.min(maxOthers, others.size()); k++) chosen[others.get(k)] = true;
        int count = 0;
        for (boolean c : chosen) if (c) count++;
        int[] result = new int[count];
        int j = 0;
        for (int i = 0; i < chosen.length; i++) if (chosen[i]) result[j++] = i;
        return result;
    }

    static int anchorCount(List<MemoryEntry> entries) {
        int n = 0;
        for (MemoryEntry e : entries) if (e.anchor()) n++;
        return n;
    }

    static void requireMax(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
    }
}

package dev.engram.snn.readout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, stratified K-fold splits: the samples of each class are shuffled with the seed and dealt
 * round-robin over the folds (continuing where the previous class stopped), so each fold holds each
 * class in proportion, fold sizes differ by at most one, and the same labels and seed give the same folds.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /** Fold index (0..k-1) of every sample. */
    public static int[] stratifiedFolds(int[] labels, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("need at least 2 folds, got " + k);
        if (labels.length < k) throw new IllegalArgumentException(labels.length + " samples cannot fill " + k + " folds");
        int maxLabel = 0;
        for (int l : labels) {
            if (l < 0) throw new IllegalArgumentException("negative label " + l);
            maxLabel = Math.max(maxLabel, l);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c <= maxLabel; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            for (int i = members.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            for (int idx : members) {
                fold[idx] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * One fold per group (leave-one-group-out, such as speaker-held-out), groups numbered in sorted
     * order of their names; every sample needs a group and there must be at least two groups.
     */
    public static int[] groupFolds(String[] groups) {
        java.util.TreeMap<String, Integer> index = new java.util.TreeMap<>();
        for (String g : groups) {
            if (g == null) throw new IllegalArgumentException("a sample has no group (speaker) to hold out");
            index.put(g, 0);
        }
        if (index.size() < 2) throw new IllegalArgumentException("need at least 2 groups to hold one out, got " + index.size());
        int k = 0;
        for (java.util.Map.Entry<String, Integer> e : index.entrySet()) e.setValue(k++);
        int[] fold = new int[groups.length];
        for (int i = 0; i < groups.length; i++) fold[i] = index.get(groups[i]);
        return fold;
    }

    /** Number of folds in a fold assignment (largest index + 1). */
    public static int count(int[] folds) {
        int k = 0;
        for (int f : folds) k = Math.max(k, f + 1);
        return k;
    }

    /** Trains a readout for one fold. */
    @FunctionalInterface
    public interface Trainer {
        Classifier train(float[][] x, int[] y);
    }

    /** Pooled out-of-fold accuracy: each sample is predicted by the readout trained on the other folds. */
    public static double accuracy(float[][] x, int[] y, int[] folds, int k, Trainer trainer) {
        int correct = 0;
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < y.length; i++) (folds[i] == f ? test : train).add(i);
            float[][] xt = new float[train.size()][];
            int[] yt = new int[train.size()];
            for (int a = 0; a < xt.length; a++) {
                xt[a] = x[train.get(a)];
                yt[a] = y[train.get(a)];
            }
            Classifier c = trainer.train(xt, yt);
            for (int i : test) if (c.predict(x[i]) == y[i]) correct++;
        }
        return correct / (double) y.length;
    }
}

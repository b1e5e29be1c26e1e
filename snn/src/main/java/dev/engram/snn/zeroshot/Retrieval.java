package dev.engram.snn.zeroshot;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The zero-shot protocol of the ZS-LSM paper: for each query (an audio sample whose class is among
 * the evaluated classes), one candidate (a vision sample) is drawn at random for every evaluated
 * class, and the query retrieves the candidate whose embedding is most similar (dot product of unit
 * vectors; ties to the earlier class). The query is answered correctly when that candidate's class is
 * its own. Accuracy is the share of correct answers over all queries and all draws; chance is one
 * over the number of evaluated classes. Draws come from a seed per round, so the same embeddings,
 * classes and seeds give the same accuracy.
 */
public final class Retrieval {
    private Retrieval() {}

    /** Correct answers and queries, summed over rounds; add tallies of several folds before dividing. */
    public record Tally(long correct, long queries) {
        public static final Tally NONE = new Tally(0, 0);

        public Tally plus(Tally t) {
            return new Tally(correct + t.correct, queries + t.queries);
        }

        /** Correct answers per query, NaN without queries. */
        public double accuracy() {
            return queries == 0 ? Double.NaN : correct / (double) queries;
        }
    }

    /**
     * Runs one round per seed: every query whose class is in {@code classes} against one candidate per
     * class drawn with that seed.
     *
     * @throws IllegalArgumentException when an evaluated class has no candidate
     */
    public static Tally run(double[][] queries, int[] queryClass, double[][] candidates, int[] candidateClass, int[] classes,
            long[] seeds) {
        List<int[]> pools = new ArrayList<>();
        for (int c : classes) {
            int n = 0;
            for (int l : candidateClass) if (l == c) n++;
            if (n == 0) throw new IllegalArgumentException("class " + c + " has no candidate to retrieve");
            int[] pool = new int[n];
            int k = 0;
            for (int i = 0; i < candidateClass.length; i++) if (candidateClass[i] == c) pool[k++] = i;
            pools.add(pool);
        }
        long correct = 0, asked = 0;
        int[] drawn = new int[classes.length];
        for (long seed : seeds) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int q = 0; q < queries.length; q++) {
                int own = indexOf(classes, queryClass[q]);
                if (own < 0) continue;
                for (int c = 0; c < classes.length; c++) drawn[c] = pools.get(c)[rnd.nextInt(pools.get(c).length)];
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes.length; c++) {
                    double s = CrossModalLoss.dot(queries[q], candidates[drawn[c]]);
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                if (best == own) correct++;
                asked++;
            }
        }
        return new Tally(correct, asked);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }
}

package dev.engram.vos.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Leave-sequences-out choice of a setting from a grid, done on scores computed once per setting
 * and sequence (the cost is the grid, not K × grid). Sequences go to K folds round-robin in the
 * order given (callers pass them sorted by name). For each fold the setting with the best mean
 * score over the other K−1 folds is picked and scored on the held-out fold; the out-of-fold figure
 * is the mean, over all sequences, of the score of the pick made without them. The in-sample
 * figure is the best setting's mean over all sequences: what choosing on the reported sequences
 * themselves would claim. Ties go to the setting listed first.
 *
 * <p>Deterministic. IllegalArgumentException when K is not in 2..sequences, the score matrix is
 * ragged or empty, or a score is not finite.
 */
public final class OutOfFold {
    private OutOfFold() {}

    /** One fold: the sequences held out, the setting picked on the others, its score there and on them. */
    public record Fold(int index, List<String> heldOut, int pick, double trainScore, double heldOutScore) {}

    /**
     * @param inSample best mean over all sequences
     * @param inSampleSetting the setting that has it
     * @param outOfFold mean over sequences of the held-out score of their fold's pick
     * @param means each setting's mean over all sequences
     */
    public record Result(double inSample, int inSampleSetting, double outOfFold, List<Fold> folds, double[] means) {}

    /** @param scores {@code scores[setting][sequence]}, the same sequence order as {@code sequences} */
    public static Result choose(List<String> sequences, double[][] scores, int k) {
        int n = sequences.size();
        if (scores.length == 0) throw new IllegalArgumentException("no settings to choose from");
        if (k < 2 || k > n) throw new IllegalArgumentException("--folds must be in 2.." + n + " (sequences), got " + k);
        for (double[] row : scores) {
            if (row.length != n) throw new IllegalArgumentException("a setting has " + row.length + " scores for " + n + " sequences");
            for (double v : row) if (!Double.isFinite(v)) throw new IllegalArgumentException("score " + v + " is not finite");
        }
        double[] means = new double[scores.length];
        for (int s = 0; s < scores.length; s++) means[s] = mean(scores[s], q -> true);
        int best = argmax(means);
        List<Fold> folds = new ArrayList<>();
        double outSum = 0;
        for (int f = 0; f < k; f++) {
            int fold = f;
            double[] train = new double[scores.length];
            for (int s = 0; s < scores.length; s++) train[s] = mean(scores[s], q -> q % k != fold);
            int pick = argmax(train);
            List<String> held = new ArrayList<>();
            for (int q = fold; q < n; q += k) {
                held.add(sequences.get(q));
                outSum += scores[pick][q];
            }
            folds.add(new Fold(fold, List.copyOf(held), pick, train[pick], mean(scores[pick], q -> q % k == fold)));
        }
        return new Result(means[best], best, outSum / n, List.copyOf(folds), means);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static double mean(double[] row, java.util.function.IntPredicate use) {
        double sum = 0;
        int count = 0;
        for (int q = 0; q < row.length; q++) {
            if (use.test(q)) {
                sum += row[q];
                count++;
            }
        }
        return sum / count;
    }
}

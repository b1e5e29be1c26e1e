package dev.engram.vos.eval;

/**
 * Mean, recall and decay of one object's per-frame J or F values, as the DAVIS toolkit's
 * {@code db_statistics} computes them:
 * <ul>
 *   <li>mean: mean of the values, NaN ignored;
 *   <li>recall: share of values strictly above 0.5;
 *   <li>decay: the values are cut at {@code ids = round(linspace(1, n, 5) + 1e-10) - 1} into four
 *       bins {@code values[ids[i] .. ids[i+1]]} (inclusive at both ends, so neighbouring bins share a
 *       frame); decay = mean of the first bin − mean of the last.
 * </ul>
 * The toolkit stores {@code ids} as {@code uint8}, which wraps for series longer than 256 values;
 * this class uses the true indices, so results agree with the toolkit up to 256 values and stay
 * meaningful beyond. An empty series has NaN statistics.
 */
public record SeriesStatistics(double mean, double recall, double decay) {

    public static SeriesStatistics of(double[] values) {
        return of(values, 0, values.length);
    }

    /** Statistics of {@code values[from .. to)}. */
    public static SeriesStatistics of(double[] values, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return new SeriesStatistics(Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0, above = 0;
        int finite = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                sum += v;
                finite++;
            }
            // numpy: NaN > 0.5 is False, and the recall mean counts every frame
            if (v > 0.5) above++;
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double recall = above / n;
        int[] ids = binEdges(n);
        double decay = nanMean(values, from + ids[0], from + ids[1] + 1)
                - nanMean(values, from + ids[3], from + ids[4] + 1);
        return new SeriesStatistics(mean, recall, decay);
    }

    /** {@code round(linspace(1, n, 5) + 1e-10) - 1}, computed the way numpy's linspace does. */
    static int[] binEdges(int n) {
        int[] ids = new int[5];
        double step = (n - 1) / 4.0;
        for (int i = 0; i < 5; i++) {
            double v = i == 4 ? n : i * step + 1;
            ids[i] = (int) Math.rint(v + 1e-10) - 1;
        }
        return ids;
    }

    private static double nanMean(double[] values, int from, int to) {
        double sum = 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }
}

package dev.engram.vos.eval;

import java.util.List;

/**
 * DAVIS scores of one sequence. Every figure is the average over {@link #objects} of that object's
 * statistic (as the toolkit averages per-object rows); {@link #jf()} = (J mean + F mean) / 2.
 * With no objects every figure is NaN.
 *
 * @param frames number of frames the statistics cover (first and last excluded when the evaluator does)
 */
public record SequenceScore(double jMean, double jRecall, double jDecay,
                            double fMean, double fRecall, double fDecay,
                            int frames, List<ObjectScore> objects) {

    public SequenceScore {
        objects = List.copyOf(objects);
    }

    public double jf() {
        return (jMean + fMean) / 2;
    }

    static SequenceScore average(List<ObjectScore> objects, int frames) {
        double[] s = new double[6];
        for (ObjectScore o : objects) {
            s[0] += o.j().mean();
            s[1] += o.j().recall();
            s[2] += o.j().decay();
            s[3] += o.f().mean();
            s[4] += o.f().recall();
            s[5] += o.f().decay();
        }
        int n = objects.size();
        for (int i = 0; i < 6; i++) s[i] = n == 0 ? Double.NaN : s[i] / n;
        return new SequenceScore(s[0], s[1], s[2], s[3], s[4], s[5], frames, objects);
    }

    @Override
    public String toString() {
        return String.format("J&F %.4f  J %.4f (R %.3f D %.3f)  F %.4f (R %.3f D %.3f)  %d objects, %d frames",
                jf(), jMean, jRecall, jDecay, fMean, fRecall, fDecay, objects.size(), frames);
    }
}

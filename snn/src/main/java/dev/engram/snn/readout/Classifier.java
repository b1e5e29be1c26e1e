package dev.engram.snn.readout;

import java.io.DataOutput;
import java.io.IOException;

/** A trained readout: class scores for a feature vector; the predicted class has the highest score. */
public interface Classifier {
    int classes();

    int dimension();

    /** Class scores of one feature vector (higher is more likely). */
    double[] scores(float[] features);

    default int predict(float[] features) {
        return argmax(scores(features));
    }

    /** Writes the classifier in its versioned binary layout; read it back with {@link Readouts#read}. */
    void write(DataOutput out) throws IOException;

    static int argmax(double[] s) {
        int best = 0;
        for (int c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
        return best;
    }

    /** Share of samples whose predicted class equals the label. */
    static double accuracy(Classifier c, float[][] x, int[] y) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) if (c.predict(x[i]) == y[i]) ok++;
        return x.length == 0 ? Double.NaN : ok / (double) x.length;
    }
}

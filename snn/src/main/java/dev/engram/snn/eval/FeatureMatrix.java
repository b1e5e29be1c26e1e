package dev.engram.snn.eval;

import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.SampleEncoder;
import java.util.List;

/** Encodes samples into a feature matrix, one row per sample, on the calling thread. */
public final class FeatureMatrix {
    private FeatureMatrix() {}

    public static float[][] encode(SampleEncoder encoder, List<EventBatch> samples) {
        float[][] x = new float[samples.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] row = new float[encoder.dimension()];
            encoder.encode(samples.get(i), row);
            x[i] = row;
        }
        return x;
    }
}

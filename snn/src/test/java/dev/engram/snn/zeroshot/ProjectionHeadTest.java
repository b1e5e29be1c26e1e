package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.readout.Standardizer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectionHeadTest {
    /** The batched passes the trainer uses give bit for bit what one sample at a time gives, with and without a hidden layer. */
    @Test
    void batchedPassesEqualOneSampleAtATime() {
        SplittableRandom rnd = new SplittableRandom(3);
        int in = 37, n = 11;
        float[][] x = new float[n][in];
        for (float[] row : x) for (int j = 0; j < in; j++) row[j] = (float) rnd.nextGaussian();
        Standardizer s = Standardizer.fit(x);
        for (int hidden : new int[] {0, 13}) {
            ProjectionHead head = ProjectionHead.init(s, hidden, 5, rnd.split());
            double[][] z = s.apply(x), de = new double[n][5];
            for (double[] row : de) for (int k = 0; k < 5; k++) row[k] = rnd.nextGaussian();
            de[3] = new double[5]; // a zero gradient: its sample adds nothing, in both forms

            ProjectionHead.Pass[] batched = head.forward(z);
            double[] gradBatched = new double[head.params.length], gradOne = new double[head.params.length];
            head.backward(batched, de, gradBatched);
            for (int b = 0; b < n; b++) {
                ProjectionHead.Pass one = head.forward(z[b]);
                assertThat(batched[b].e).as("embedding %d, hidden %d", b, hidden).isEqualTo(one.e);
                head.backward(one, de[b], gradOne);
            }
            assertThat(gradBatched).as("gradient, hidden %d", hidden).isEqualTo(gradOne);
        }
    }
}

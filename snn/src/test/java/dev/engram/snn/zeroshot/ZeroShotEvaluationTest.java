package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.OptionSet;
import dev.engram.snn.eval.Modality;
import dev.engram.snn.readout.ReadoutOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZeroShotEvaluationTest {

    /**
     * Every pair of six classes is held out once, the heads train on the other four, and each split's
     * figures are those of an ordinary run with that split; with modalities that are linear views of
     * one class code (three dimensions, spanned by any four classes), unseen classes are found above chance in
     * every split (well above it on average).
     */
    @Test
    void holdOutPairsScoresEverySplitOfTwoClassesLikeAPlainRun() {
        var data = CrossModalTrainerTest.LinearViews.of(new SplittableRandom(11), 6, 3, 20, 10, 8, 0.2);
        ZeroShotEvaluation.Encoded a = new ZeroShotEvaluation.Encoded(data.audio(), data.y());
        ZeroShotEvaluation.Encoded v = new ZeroShotEvaluation.Encoded(data.vision(), data.y());
        OptionSet heads = ZeroShotOptions.defaults().with(ZeroShotOptions.STEPS, 200).with(ZeroShotOptions.TEMPERATURE, 0.2)
                .with(ZeroShotOptions.HIDDEN, 0).with(ZeroShotOptions.DIM, 4).with(ZeroShotOptions.LEARNING_RATE, 1e-2);
        ZeroShotEvaluation.Options o = new ZeroShotEvaluation.Options(new int[] {0, 1, 2, 3}, new int[] {4, 5}, 2, 2,
                Modality.VISION.zeroShotLsm(1), Modality.AUDIO.zeroShotLsm(1), heads, ReadoutOptions.defaults());

        List<ZeroShotEvaluation.Result> pairs = ZeroShotEvaluation.holdOutPairs(v, a, null, null, new int[] {0, 1, 2, 3, 4, 5}, o);

        assertThat(pairs).extracting(r -> r.testClasses()[0] + "," + r.testClasses()[1]).containsExactly("0,1", "0,2", "0,3", "0,4",
                "0,5", "1,2", "1,3", "1,4", "1,5", "2,3", "2,4", "2,5", "3,4", "3,5", "4,5");
        assertThat(pairs.get(6).trainClasses()).containsExactly(0, 2, 4, 5);
        double mean = pairs.stream().mapToDouble(ZeroShotEvaluation.Result::unseenAccuracy).average().orElseThrow();
        assertThat(pairs).allSatisfy(r -> assertThat(r.unseenAccuracy()).isGreaterThan(r.chanceUnseen()));
        assertThat(mean).as("mean unseen over the splits").isGreaterThan(0.85);
        ZeroShotEvaluation.Result plain = ZeroShotEvaluation.run(v, a, null, null, new ZeroShotEvaluation.Options(new int[] {0, 2, 4, 5},
                new int[] {1, 3}, 2, 2, o.visionLsm(), o.audioLsm(), heads, ReadoutOptions.defaults()));
        assertThat(pairs.get(6).toJson()).isEqualTo(plain.toJson());
    }
}

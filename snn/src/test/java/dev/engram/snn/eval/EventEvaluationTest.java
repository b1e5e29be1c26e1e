package dev.engram.snn.eval;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventEvaluationTest {

    static Path nmnist(String split) {
        return SharedData.events("nmnist/" + split);
    }

    /** Every third sample of the 1,000 shared training digits: 334 samples, all ten classes. */
    private static LabelledSamples subset(LabelledSamples all) {
        int[] idx = new int[(all.size() + 2) / 3];
        for (int i = 0; i < idx.length; i++) idx[i] = 3 * i;
        return all.subset(idx);
    }

    @Test
    void reservoirFeaturesBeatBinnedCountsOnSharedSubset() throws IOException {
        LabelledSamples train = subset(LabelledSamples.load(nmnist("Train")));
        LabelledSamples test = LabelledSamples.load(nmnist("Test"));
        EventEvaluation.Options o = EventEvaluation.Options.sizes(List.of(1000), LsmOptions.defaults(),
                EventEvaluation.Folds.stratified(3), 1L, ReadoutOptions.defaults());
        EventEvaluation.Result r = EventEvaluation.run(train, test, o);
        System.out.println("N-MNIST subset: " + r.toJson());
        assertThat(r.trainSamples()).isEqualTo(334);
        assertThat(r.n()).isEqualTo(50);
        assertThat(r.cvAccuracy()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.cvAccuracy()).isGreaterThan(r.cvBaselineAccuracy());
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.toJson()).startsWith("{\"accuracy\":").contains("\"cvBaselineAccuracy\":");
    }

    /**
     * Three of the tiled preset's candidates (recurrent: standardised, unit-length, unit-length with
     * event-drop copies): the two readouts without augmentation share one encoding, the augmented one
     * encodes its own copies (same originals, so the same spikes per sample), and the model keeps the
     * chosen candidate's readout and copies.
     */
    @Test
    void tiledCandidatesShareEncodingsAndKeepTheirReadoutAndAugmentation() throws IOException {
        LabelledSamples train = subset(LabelledSamples.load(nmnist("Train")));
        List<EventEvaluation.Candidate> all = TiledPreset.candidates(1L);
        List<EventEvaluation.Candidate> three = List.of(all.get(0), all.get(2), all.get(4));
        EventEvaluation.Options o = new EventEvaluation.Options(three, EventEvaluation.Folds.stratified(3), 1L,
                ReadoutOptions.defaults(), AugmentOptions.defaults(), 3);
        EventEvaluation.Trained t = EventEvaluation.trainAndValidate(train, o);
        List<EventEvaluation.SizeResult> sizes = t.sizes();
        assertThat(sizes).extracting(EventEvaluation.SizeResult::name).containsExactly("tiled-recurrent",
                "tiled-recurrent-unit-length", "tiled-recurrent-unit-length-drop");
        assertThat(sizes.get(1).encodeSamplesPerSecond()).isEqualTo(sizes.get(0).encodeSamplesPerSecond());
        assertThat(sizes.get(2).encodeSamplesPerSecond()).as("its own encoding").isNotEqualTo(sizes.get(0).encodeSamplesPerSecond());
        assertThat(sizes.get(2).spikesPerSample()).isEqualTo(sizes.get(0).spikesPerSample());
        var scaling = ((dev.engram.snn.readout.RidgeClassifier) t.model().readout()).scaling();
        assertThat(scaling).isEqualTo(t.chosen().contains("unit-length")
                ? dev.engram.snn.readout.RidgeClassifier.Scaling.UNIT_LENGTH : dev.engram.snn.readout.RidgeClassifier.Scaling.STANDARDIZE);
        assertThat(t.augmentCopies()).isEqualTo(t.chosen().endsWith("-drop") ? 2 : 0);
        assertThat(t.cvAccuracy()).isEqualTo(sizes.stream().mapToDouble(EventEvaluation.SizeResult::cvAccuracy).max().orElseThrow());
        assertThat(t.nestedCvAccuracy()).isBetween(0.8, 1.0);
        System.out.println("tiled subset: chosen " + t.chosen() + ", cv " + sizes.stream().map(x -> x.name() + "=" + x.cvAccuracy()).toList()
                + ", nested " + t.nestedCvAccuracy());
    }

    @Test
    void loadsTrainFolderInLabelOrder() throws IOException {
        LabelledSamples train = LabelledSamples.load(nmnist("Train"));
        assertThat(train.size()).isEqualTo(1000);
        int[] counts = new int[10];
        for (int l : train.labels()) counts[l]++;
        assertThat(counts).containsExactly(97, 116, 99, 93, 105, 92, 94, 117, 87, 100);
        EventBatch first = train.samples().get(0);
        assertThat(first.size()).isBetween(1069, 7152);
    }
}

package dev.engram.snn.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import dev.engram.testdata.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FSDD spoken digits through the cochlea and the audio reservoir, on a subset small enough for CI. */
class SpokenDigitsTest {
    @TempDir
    Path tmp;

    /** Links (never copies) the shared recordings with takes in [from, to] into {@code dir}. */
    static Path takes(Path dir, int from, int to) throws IOException {
        Path recordings = SharedData.path("audio/fsdd/recordings");
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(recordings)) {
            for (Path f : s.toList()) {
                String[] parts = f.getFileName().toString().replace(".wav", "").split("_");
                int take = Integer.parseInt(parts[2]);
                if (take >= from && take <= to) Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        return dir;
    }

    @Test
    void flatFolderTakesLabelAndSpeakerFromTheFileName() throws IOException {
        LabelledSamples s = LabelledSamples.load(takes(tmp.resolve("a"), 5, 6));
        assertThat(s.size()).isEqualTo(6 * 10 * 2);
        assertThat(s.width()).isEqualTo(64);
        assertThat(s.height()).isEqualTo(1);
        assertThat(s.grouped()).isTrue();
        assertThat(Arrays.stream(s.groups()).distinct().sorted().toList())
                .containsExactly("george", "jackson", "lucas", "nicolas", "theo", "yweweler");
        int[] counts = new int[10];
        for (int l : s.labels()) counts[l]++;
        assertThat(counts).containsOnly(12);
        assertThat(s.paths().get(0).getFileName().toString()).isEqualTo("0_george_5.wav");
        for (EventBatch b : s.samples()) assertThat(b.size()).isPositive();
    }

    @Test
    void labelFoldersOfWavFilesWorkToo() throws IOException {
        Path flat = takes(tmp.resolve("flat"), 7, 7);
        Path byLabel = tmp.resolve("by-label");
        try (Stream<Path> s = Files.list(flat)) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                Path d = Files.createDirectories(byLabel.resolve(name.substring(0, 1)));
                Files.createSymbolicLink(d.resolve("take-" + name.substring(2)), f.toRealPath());
            }
        }
        LabelledSamples s = LabelledSamples.load(byLabel);
        assertThat(s.size()).isEqualTo(60);
        assertThat(s.label(0)).isZero();
        assertThat(s.label(59)).isEqualTo(9);
    }

    /**
     * Takes 5-14 (600 recordings): K-fold and speaker-held-out CV of the audio reservoir beside the
     * binned-count baseline. Unseen speakers are harder than unseen takes of known speakers.
     */
    @Test
    void audioReservoirClassifiesSpokenDigitsInKFoldAndSpeakerHeldOutCv() throws IOException {
        LabelledSamples s = LabelledSamples.load(takes(tmp.resolve("b"), 5, 14));
        EventEvaluation.Options o = EventEvaluation.Options.sizes(List.of(500), Modality.AUDIO.lsm(), EventEvaluation.Folds.stratified(5),
                1L, ReadoutOptions.defaults());
        EventEvaluation.Result kfold = EventEvaluation.run(s, null, o);
        EventEvaluation.Result speaker = EventEvaluation.run(s, null, o.withFolds(EventEvaluation.Folds.SPEAKER));
        System.out.println("FSDD takes 5-14, 5-fold: " + kfold.toJson());
        System.out.println("FSDD takes 5-14, speaker-held-out: " + speaker.toJson());
        assertThat(kfold.foldCount()).isEqualTo(5);
        assertThat(speaker.foldCount()).isEqualTo(6);
        assertThat(speaker.toJson()).contains("\"foldBy\":\"speaker\"");
        assertThat(kfold.cvAccuracy()).isGreaterThan(0.7);
        assertThat(kfold.cvBaselineAccuracy()).isGreaterThan(0.7);
        assertThat(speaker.cvAccuracy()).isGreaterThan(0.3).isLessThan(kfold.cvAccuracy());
        assertThat(speaker.cvBaselineAccuracy()).isGreaterThan(0.3);
    }

    @Test
    void nestedCvOfAUselessAndAUsefulCandidateIsTheUsefulOnesCv() throws IOException {
        LabelledSamples all = LabelledSamples.load(SharedData.events("nmnist/Train"));
        int[] idx = new int[250];
        for (int i = 0; i < idx.length; i++) idx[i] = 4 * i;
        LabelledSamples s = all.subset(idx);
        EventEvaluation.Options o = EventEvaluation.Options.sizes(List.of(1, 300), LsmOptions.defaults(),
                EventEvaluation.Folds.stratified(3), 1L, ReadoutOptions.defaults()).withInnerFolds(2);
        EventEvaluation.Result r = EventEvaluation.run(s, null, o);
        assertThat(r.chosen()).isEqualTo("lsm-300");
        assertThat(r.sizes().get(0).cvAccuracy()).isLessThan(0.3);
        // Every inner CV chooses the 300-neuron reservoir, so each outer fold is scored as in its plain CV.
        assertThat(r.nestedCvAccuracy()).isEqualTo(r.cvAccuracy()).isGreaterThan(0.6);
    }
}

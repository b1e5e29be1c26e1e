package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Zero-shot model files that {@code events zeroshot --save-model} wrote with earlier builds (read by
 * the multimodal job) keep giving the retrieval scores they gave then: every file under
 * {@code src/test/resources/zeroshot-models} is loaded, both reservoirs rebuilt from its options, and
 * the audio-to-vision and vision-to-audio scores of fixed generated samples compared with the scores
 * recorded when it was written; the current version's file must also be what this build writes again,
 * byte for byte. A current version without a file fails the test; run it with
 * {@code -Dengram.fixtures.write=true} to write one, and commit it.
 */
class ZeroShotModelFixturesTest {
    static final Path FIXTURES = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/zeroshot-models");
    static final int CLASSES = 3, VISION = 16, AUDIO = 32;

    @Test
    void savedModelsGiveTheirRecordedScores() throws IOException {
        Path current = FIXTURES.resolve("zeroshot-model-v" + ZeroShotModel.VERSION + ".model");
        if (!Files.exists(current) && Boolean.getBoolean("engram.fixtures.write")) write(current);
        assertThat(current).as("fixture of the current version (write it with -Dengram.fixtures.write=true, then commit it)").exists();
        assertThat(ZeroShotModel.load(current).toBytes()).as(current + ": written again").isEqualTo(Files.readAllBytes(current));
        List<Path> models;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            models = s.filter(p -> p.toString().endsWith(".model")).sorted().toList();
        }
        assertThat(models).as("fixtures").isNotEmpty();
        for (Path file : models) {
            List<double[]> scores = scores(ZeroShotModel.load(file));
            List<String> recorded = Files.readAllLines(scoresFile(file));
            assertThat(scores).as(file + ": queries").hasSize(recorded.size());
            for (int i = 0; i < scores.size(); i++) {
                String[] row = recorded.get(i).strip().split(" ");
                assertThat(scores.get(i)).as(file.getFileName() + ": query " + i).hasSize(row.length);
                for (int c = 0; c < row.length; c++) {
                    assertThat(scores.get(i)[c]).as("%s: query %d, class %d", file.getFileName(), i, c)
                            .isCloseTo(Double.parseDouble(row[c]), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    private static void write(Path file) throws IOException {
        OptionSet lsm = LsmOptions.defaults().withText("lsm.neurons", "80");
        ZeroShotModel.Side vision = new ZeroShotModel.Side(lsm, VISION, VISION), audio = new ZeroShotModel.Side(lsm.withText("lsm.seed", "7"), AUDIO, 2);
        float[][] v = features(vision, 12, 0), a = features(audio, 12, 1);
        SplittableRandom r = new SplittableRandom(5);
        CrossModalHeads heads = new CrossModalHeads(ProjectionHead.init(Standardizer.fit(a), 16, 8, r.split()),
                ProjectionHead.init(Standardizer.fit(v), 16, 8, r.split()));
        int[] labels = new int[12];
        double[][] ve = new double[12][], ae = new double[12][];
        for (int i = 0; i < 12; i++) {
            labels[i] = i % CLASSES;
            ve[i] = heads.vision().embed(v[i]);
            ae[i] = heads.audio().embed(a[i]);
        }
        ZeroShotModel model = new ZeroShotModel(vision, audio, heads, ZeroShotModel.anchors(ve, labels, CLASSES),
                ZeroShotModel.anchors(ae, labels, CLASSES));
        Files.createDirectories(FIXTURES);
        model.save(file);
        List<String> lines = new ArrayList<>();
        for (double[] s : scores(ZeroShotModel.load(file))) {
            StringBuilder b = new StringBuilder();
            for (double x : s) b.append(b.length() == 0 ? "" : " ").append(x);
            lines.add(b.toString());
        }
        Files.write(scoresFile(file), lines);
    }

    /** One line per query, the class scores as Java writes doubles (they read back exactly). */
    private static Path scoresFile(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".model", ".scores.txt"));
    }

    /** Three audio queries scored against the vision anchors, then three vision queries against the audio anchors. */
    private static List<double[]> scores(ZeroShotModel model) {
        float[][] a = features(model.audio(), 3, 101), v = features(model.vision(), 3, 202);
        List<double[]> out = new ArrayList<>();
        for (float[] x : a) out.add(model.scoresForAudio(model.heads().audio().embed(x)));
        for (float[] x : v) out.add(model.scoresForVision(model.heads().vision().embed(x)));
        return out;
    }

    /** {@code n} generated samples through the side's reservoir; sample i has class i mod 3 (a band of the sensor). */
    private static float[][] features(ZeroShotModel.Side side, int n, long seed) {
        ReservoirFeatures encoder = new ReservoirFeatures(side.build());
        float[][] x = new float[n][encoder.dimension()];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1000 + i);
            EventBatch b = new EventBatch(1024);
            long t = 0;
            int band = side.width() / CLASSES;
            for (int k = 0; k < 500; k++) {
                t += 1 + r.nextInt(900);
                b.add(Math.min(side.width() - 1, (i % CLASSES) * band + r.nextInt(band)), r.nextInt(side.height()), r.nextBoolean(), t);
            }
            encoder.encode(b, x[i]);
        }
        return x;
    }
}

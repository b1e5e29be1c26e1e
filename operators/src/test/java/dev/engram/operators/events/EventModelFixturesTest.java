package dev.engram.operators.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.RidgeClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Model files that {@code events eval --save-model} wrote with earlier builds keep giving the scores
 * they gave then: every file under {@code src/test/resources/event-models} is loaded, its reservoir
 * rebuilt from the saved options, and its scores on fixed generated samples compared with the scores
 * recorded beside it when it was written; a file of a layout this build writes must also be what it
 * writes again, byte for byte. A current layout (model version, ridge version per scaling) without a
 * file fails the test; run it with {@code -Dengram.fixtures.write=true} to write one, and commit it.
 */
class EventModelFixturesTest {
    static final Path FIXTURES = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/event-models");
    static final int SENSOR = 16, CLASSES = 3;

    @Test
    void savedModelsOfEveryLayoutGiveTheirRecordedScores() throws IOException {
        List<Path> current = new ArrayList<>();
        for (RidgeClassifier.Scaling scaling : RidgeClassifier.Scaling.values()) {
            Path file = FIXTURES.resolve(name(scaling) + ".model");
            if (!Files.exists(file) && Boolean.getBoolean("engram.fixtures.write")) write(file, scaling);
            assertThat(file).as("fixture of the current layout (write it with -Dengram.fixtures.write=true, then commit it)").exists();
            current.add(file);
        }
        List<Path> models;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            models = s.filter(p -> p.toString().endsWith(".model")).sorted().toList();
        }
        assertThat(models).as("fixtures").hasSizeGreaterThanOrEqualTo(RidgeClassifier.Scaling.values().length);
        for (Path file : models) {
            EventModel model = EventModel.load(file);
            if (current.contains(file)) assertThat(model.toBytes()).as(file + ": written again").isEqualTo(Files.readAllBytes(file));
            List<String> recorded = Files.readAllLines(scoresFile(file));
            List<double[]> scores = scores(model);
            assertThat(scores).as(file + ": samples").hasSize(recorded.size());
            for (int i = 0; i < scores.size(); i++) {
                String[] row = recorded.get(i).strip().split(" ");
                assertThat(scores.get(i)).as(file.getFileName() + ": sample " + i).hasSize(row.length);
                for (int c = 0; c < row.length; c++) {
                    assertThat(scores.get(i)[c]).as("%s: sample %d, class %d", file.getFileName(), i, c)
                            .isCloseTo(Double.parseDouble(row[c]), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    /** Model version, readout kind and the readout layout the scaling writes (standardised ridge stays at 1). */
    private static String name(RidgeClassifier.Scaling scaling) {
        int ridge = scaling == RidgeClassifier.Scaling.STANDARDIZE ? 1 : RidgeClassifier.VERSION;
        return "event-model-v" + EventModel.VERSION + "-ridge-v" + ridge + "-" + scaling.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void write(Path file, RidgeClassifier.Scaling scaling) throws IOException {
        OptionSet lsm = LsmOptions.defaults().withText("lsm.neurons", "120");
        LifReservoir reservoir = LifReservoir.build(lsm, SENSOR, SENSOR);
        ReservoirFeatures encoder = new ReservoirFeatures(reservoir);
        int n = 24;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            x[i] = new float[encoder.dimension()];
            encoder.encode(sample(100 + i, y[i]), x[i]);
        }
        EventModel model = EventModel.of(reservoir, RidgeClassifier.fit(x, y, CLASSES, 1.0, scaling));
        Files.createDirectories(FIXTURES);
        model.save(file);
        List<String> lines = new ArrayList<>();
        for (double[] s : scores(EventModel.load(file))) {
            StringBuilder b = new StringBuilder();
            for (double v : s) b.append(b.length() == 0 ? "" : " ").append(v);
            lines.add(b.toString());
        }
        Files.write(scoresFile(file), lines);
    }

    /** One line per sample, the class scores as Java writes doubles (they read back exactly). */
    private static Path scoresFile(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".model", ".scores.txt"));
    }

    /** The model's scores on six fixed samples (two per class), through a reservoir rebuilt from its options. */
    private static List<double[]> scores(EventModel model) {
        ReservoirFeatures encoder = new ReservoirFeatures(LifReservoir.build(model.lsm(), model.sensorWidth(), model.sensorHeight()));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[] f = new float[encoder.dimension()];
            encoder.encode(sample(i, i % CLASSES), f);
            out.add(model.readout().scores(f));
        }
        return out;
    }

    /** 300 ms of events: class 0 on the left, 1 in the middle, 2 on the right, positions drawn from the seed. */
    static EventBatch sample(long seed, int label) {
        SplittableRandom r = new SplittableRandom(seed);
        EventBatch b = new EventBatch(1024);
        long t = 0;
        for (int i = 0; i < 600; i++) {
            t += 1 + r.nextInt(900);
            int x = Math.min(SENSOR - 1, label * 5 + r.nextInt(6)), y = r.nextInt(SENSOR);
            b.add(x, y, r.nextBoolean(), t);
        }
        return b;
    }
}

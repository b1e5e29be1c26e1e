package dev.engram.operators.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * recorded beside it when it was written. When the current layouts (model version, ridge version per
 * scaling) have no file yet, the test writes one; commit it.
 */
class EventModelFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/event-models");
    static final int SENSOR = 16, CLASSES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void savedModelsOfEveryLayoutGiveTheirRecordedScores() throws IOException {
        for (RidgeClassifier.Scaling scaling : RidgeClassifier.Scaling.values()) {
            Path file = FIXTURES.resolve(name(scaling) + ".model");
            if (!Files.exists(file)) write(file, scaling);
        }
        List<Path> models;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            models = s.filter(p -> p.toString().endsWith(".model")).sorted().toList();
        }
        assertThat(models).as("fixtures").hasSizeGreaterThanOrEqualTo(RidgeClassifier.Scaling.values().length);
        for (Path file : models) {
            EventModel model = EventModel.load(file);
            JsonNode recorded = JSON.readTree(Path.of(file.toString().replace(".model", ".scores.json")).toFile());
            List<double[]> scores = scores(model);
            assertThat(scores).as(file + ": samples").hasSize(recorded.size());
            for (int i = 0; i < scores.size(); i++) {
                for (int c = 0; c < CLASSES; c++) {
                    assertThat(scores.get(i)[c]).as("%s: sample %d, class %d", file.getFileName(), i, c)
                            .isCloseTo(recorded.get(i).get(c).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
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
        ArrayNode all = JSON.createArrayNode();
        for (double[] s : scores(EventModel.load(file))) {
            ArrayNode row = all.addArray();
            for (double v : s) row.add(v);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(file.toString().replace(".model", ".scores.json")).toFile(), all);
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

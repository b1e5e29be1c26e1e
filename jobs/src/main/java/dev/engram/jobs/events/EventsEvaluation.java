package dev.engram.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.events.EventModel;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.eval.NmnistEvaluation;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logic of {@code engram events eval}: N-MNIST folders laid out {@code <label>/<file>.bin}. The
 * readout is trained in plain Java exactly as {@link NmnistEvaluation} does it (stratified K-fold CV
 * of every reservoir size and of the binned-count baseline with the same folds; the best CV size,
 * ties to the earlier, trained on all train samples), then the test folder runs through the Flink job
 * (the event source → {@link EventReservoirFunction} with the trained {@link EventModel} → the file
 * sink under {@code out}), whose committed results are read back.
 *
 * <p>The same model also predicts every cleanly decoded test file in plain Java
 * ({@link NmnistEvaluation.Model#predict}); {@code javaAccuracy} and {@code agreement} (share of files
 * with the same prediction in both) check that the stream computes what the library computes. The
 * baseline's test accuracy is measured in plain Java on the same files.
 *
 * <p>Failure behaviour: a train folder without samples or with an undecodable file fails before the
 * job; a damaged test file becomes a dead letter and is left out of {@code n} and of every test
 * accuracy.
 */
public final class EventsEvaluation {
    private EventsEvaluation() {}

    /** What a run measured; accuracies are fractions (NaN when there was nothing to score). */
    public record Result(double accuracy, int n, double baselineAccuracy, double cvAccuracy, double cvBaselineAccuracy,
            double javaAccuracy, double agreement, int trainSamples, int folds, long seed, int neurons, String readout,
            List<NmnistEvaluation.SizeResult> sizes, List<DeadLetter> deadLetters, double trainSeconds, double jobSeconds,
            long testEvents, EventModel model) {}

    /**
     * Trains on {@code trainDir}, runs {@code testDir} through the Flink job with {@code settings}
     * (output committed under {@code out}) and scores it.
     */
    public static Result run(Path trainDir, Path testDir, NmnistEvaluation.Options o, EngineSettings settings, Path out,
            Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        LabelledSamples train = LabelledSamples.load(trainDir);
        progress.accept("training on " + train.size() + " samples (" + o.folds() + "-fold CV, reservoir sizes " + o.neurons() + ")");
        NmnistEvaluation.Trained t = NmnistEvaluation.trainAndValidate(train, o);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        EventModel model = EventModel.of(t.model().reservoir(), t.model().readout());

        var source = Sources.events(SourceSpec.parse("file:" + testDir.toAbsolutePath()), "auto",
                EventOptions.BATCH_EVENTS.defaultValue(), 0, null);
        progress.accept("classifying the test files of " + testDir + " in the Flink job");
        EventJob.Result s = EventJob.run(settings, source, EventReservoirFunction.samples(model), out, "engram-events-eval");
        Map<String, JsonNode> byOrigin = new HashMap<>();
        s.lines().values().forEach(lines -> lines.forEach(l -> byOrigin.put(l.path("origin").asText(), l)));

        int n = 0, ok = 0, javaOk = 0, agree = 0, baseOk = 0;
        long events = 0;
        for (Path f : files(testDir)) {
            JsonNode r = byOrigin.get(f.toAbsolutePath().normalize().toString());
            int label = label(testDir, f);
            if (r == null || label < 0) continue;
            EventBatch sample = LabelledSamples.readAll(f);
            int java = t.model().predict(sample);
            int streamed = r.path("predicted").asInt(-1);
            n++;
            events += r.path("events").asLong();
            if (streamed == label) ok++;
            if (java == label) javaOk++;
            if (java == streamed) agree++;
            if (t.model().predictBaseline(sample) == label) baseOk++;
        }
        double nn = n == 0 ? Double.NaN : n;
        return new Result(ok / nn, n, baseOk / nn, t.cvAccuracy(), t.cvBaseline(), javaOk / nn, agree / nn, train.size(),
                o.folds(), o.seed(), t.model().reservoir().neurons(), o.readout().get(ReadoutOptions.KIND), t.sizes(),
                s.deadLetters(), trainSeconds, s.seconds(), events, model);
    }

    /** The recordings under a labelled test folder, {@code <digit>/<file>}. */
    private static List<Path> files(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            return walk.filter(p -> java.nio.file.Files.isRegularFile(p) && label(dir, p) >= 0).sorted().toList();
        }
    }

    private static int label(Path dir, Path file) {
        Path rel = dir.relativize(file);
        if (rel.getNameCount() != 2) return -1;
        String parent = rel.getName(0).toString();
        return parent.length() == 1 && Character.isDigit(parent.charAt(0)) ? parent.charAt(0) - '0' : -1;
    }
}

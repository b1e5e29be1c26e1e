package dev.engram.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.events.EventModel;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.snn.eval.EventEvaluation;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The logic of {@code engram events eval}: labelled folders of N-MNIST digits or spoken digits
 * ({@link LabelledSamples}). The readout is trained in plain Java exactly as {@link EventEvaluation}
 * does it (K-fold or speaker-held-out CV of every candidate reservoir and of the binned-count baseline
 * with the same folds; the best candidate, ties to the earlier, trained on all train samples), then the
 * test folder runs through the Flink job
 * (the event source → {@link EventReservoirFunction} with the trained {@link EventModel} → the file
 * sink under {@code out}), whose committed results are read back.
 *
 * <p>The same model also predicts every cleanly decoded test file in plain Java
 * ({@link EventEvaluation.Model#predict}); {@code javaAccuracy} and {@code agreement} (share of files
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
            double nestedCvAccuracy, double javaAccuracy, double agreement, int trainSamples, EventEvaluation.Folds folds,
            int foldCount, long seed, String chosen, int neurons, String readout, int augmentCopies,
            List<EventEvaluation.SizeResult> sizes, List<DeadLetter> deadLetters, double trainSeconds, double jobSeconds,
            long testEvents, EventModel model) {}

    /**
     * Trains on {@code trainDir}, runs {@code testDir} through the Flink job with {@code settings}
     * (output committed under {@code out}) and scores it.
     */
    public static Result run(Path trainDir, Path testDir, EventEvaluation.Options o, EngineSettings settings, Path out,
            Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        LabelledSamples train = LabelledSamples.load(trainDir);
        progress.accept("training on " + train.size() + " samples (" + o.folds() + " folds, candidates "
                + o.candidates().stream().map(EventEvaluation.Candidate::name).toList() + ")");
        EventEvaluation.Trained t = EventEvaluation.trainAndValidate(train, o);
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
        for (Path f : LabelledSamples.list(testDir)) {
            JsonNode r = byOrigin.get(f.toAbsolutePath().normalize().toString());
            int label = LabelledSamples.labelOf(testDir.relativize(f));
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
        return new Result(ok / nn, n, baseOk / nn, t.cvAccuracy(), t.cvBaseline(), t.nestedCvAccuracy(), javaOk / nn, agree / nn,
                train.size(), o.folds(), t.foldCount(), o.seed(), t.chosen(), t.model().reservoir().neurons(),
                o.readout().get(ReadoutOptions.KIND), t.augmentCopies(), t.sizes(),
                s.deadLetters(), trainSeconds, s.seconds(), events, model);
    }
}

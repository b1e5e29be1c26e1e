package dev.engram.jobs.events;

import dev.engram.connectors.events.EventFileSource;
import dev.engram.connectors.events.PlannedFile;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.events.EventModel;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
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
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The logic of {@code engram events eval}: N-MNIST folders laid out {@code <label>/<file>.bin}. The
 * readout is trained in plain Java exactly as {@link NmnistEvaluation} does it (stratified K-fold CV
 * of every reservoir size and of the binned-count baseline with the same folds; the best CV size,
 * ties to the earlier, trained on all train samples), then the test folder runs through the Flink job
 * ({@link EventFileSource} → {@link EventReservoirFunction} with the trained {@link EventModel}).
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
     * Trains on {@code trainDir}, runs {@code testDir} through the Flink job in {@code env} (its
     * parallelism applies to the reservoir operator) and scores it.
     */
    public static Result run(Path trainDir, Path testDir, NmnistEvaluation.Options o, StreamExecutionEnvironment env,
            Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        LabelledSamples train = LabelledSamples.load(trainDir);
        progress.accept("training on " + train.size() + " samples (" + o.folds() + "-fold CV, reservoir sizes " + o.neurons() + ")");
        NmnistEvaluation.Trained t = NmnistEvaluation.trainAndValidate(train, o);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        EventModel model = EventModel.of(t.model().reservoir(), t.model().readout());

        EventFileSource source = EventFileSource.plan(testDir, "auto", EventOptions.BATCH_EVENTS.defaultValue());
        progress.accept("classifying " + source.files().size() + " test files in the Flink job");
        EventJob job = new EventJob(env, source, EventReservoirFunction.samples(model));
        Map<String, EventResult> byOrigin = new HashMap<>();
        EventJob.Summary s = job.run("engram-events-eval", r -> byOrigin.put(r.origin, r), d -> { });

        int n = 0, ok = 0, javaOk = 0, agree = 0, baseOk = 0;
        long events = 0;
        for (PlannedFile f : source.files()) {
            EventResult r = byOrigin.get(f.path());
            if (r == null || f.label() < 0) continue;
            EventBatch sample = LabelledSamples.readAll(Path.of(f.path()));
            int java = t.model().predict(sample);
            n++;
            events += r.events;
            if (r.predicted == f.label()) ok++;
            if (java == f.label()) javaOk++;
            if (java == r.predicted) agree++;
            if (t.model().predictBaseline(sample) == f.label()) baseOk++;
        }
        double nn = n == 0 ? Double.NaN : n;
        return new Result(ok / nn, n, baseOk / nn, t.cvAccuracy(), t.cvBaseline(), javaOk / nn, agree / nn, train.size(),
                o.folds(), o.seed(), t.model().reservoir().neurons(), o.readout().get(ReadoutOptions.KIND), t.sizes(),
                s.deadLetters, trainSeconds, s.seconds, events, model);
    }
}

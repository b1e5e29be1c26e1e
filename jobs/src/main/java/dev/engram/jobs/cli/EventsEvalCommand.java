package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.jobs.events.EventsEvaluation;
import dev.engram.snn.eval.NmnistEvaluation;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram events eval --train DIR --test DIR}: trains the readout on the train folder (with
 * K-fold CV of the reservoir and of the binned-count baseline), runs the test folder through the
 * Flink job and writes {@code {"accuracy","n","baselineAccuracy","cvAccuracy","cvBaselineAccuracy",
 * "javaAccuracy","agreement",…}} ({@link EventsEvaluation}). Exit 1 when the stream and the plain-Java
 * predictions disagree on any file, or no test file could be scored.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Train a readout on an N-MNIST train folder and classify a test folder through the Flink job.")
final class EventsEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", paramLabel = "DIR", required = true, description = "Train folder: <label>/<file>.bin.")
    Path train;

    @Option(names = "--test", paramLabel = "DIR", required = true, description = "Test folder: <label>/<file>.bin.")
    Path test;

    @Option(names = "--neurons", paramLabel = "N[,N…]", split = ",", defaultValue = "1000",
            description = "Reservoir size(s); with several, the best by CV is used (default: ${DEFAULT-VALUE}).")
    List<Integer> neurons;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of reservoir, folds and readout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--readout", paramLabel = "KIND", defaultValue = "ridge",
            description = "ridge, logistic or contrastive (default: ${DEFAULT-VALUE}).")
    String readout;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--save-model", paramLabel = "FILE", description = "Save the trained reservoir + readout for 'events run --model'.")
    Path saveModel;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (folds < 2) throw new CommandLine.ParameterException(cl, "--folds must be at least 2, got " + folds);
        for (int n : neurons) if (n < 1) throw new CommandLine.ParameterException(cl, "--neurons must be positive, got " + n);
        if (!List.of("ridge", "logistic", "contrastive").contains(readout)) {
            throw new CommandLine.ParameterException(cl, "--readout must be ridge, logistic or contrastive, got '" + readout + "'");
        }
        for (Path dir : List.of(train, test)) if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder");
        NmnistEvaluation.Options o = new NmnistEvaluation.Options(neurons, folds, seed, LsmOptions.defaults(),
                ReadoutOptions.defaults().with(ReadoutOptions.KIND, readout));
        EventsEvaluation.Result r = EventsEvaluation.run(train, test, o, run.settings(),
                dev.engram.jobs.WorkFolders.fresh(run.workDir, "events-eval"),
                line -> { if (!run.quiet) System.err.println(line); });

        ObjectNode root = JSON.createObjectNode();
        EventsCommand.number(root, "accuracy", r.accuracy());
        root.put("n", r.n());
        EventsCommand.number(root, "baselineAccuracy", r.baselineAccuracy());
        EventsCommand.number(root, "cvAccuracy", r.cvAccuracy());
        EventsCommand.number(root, "cvBaselineAccuracy", r.cvBaselineAccuracy());
        EventsCommand.number(root, "javaAccuracy", r.javaAccuracy());
        EventsCommand.number(root, "agreement", r.agreement());
        root.put("trainSamples", r.trainSamples());
        root.put("folds", r.folds());
        root.put("seed", r.seed());
        root.put("neurons", r.neurons());
        root.put("readout", r.readout());
        ArrayNode sizes = root.putArray("sizes");
        for (NmnistEvaluation.SizeResult s : r.sizes()) {
            ObjectNode row = sizes.addObject();
            row.put("neurons", s.neurons());
            EventsCommand.number(row, "cvAccuracy", s.cvAccuracy());
            EventsCommand.number(row, "encodeSamplesPerSecond", s.encodeSamplesPerSecond());
            EventsCommand.number(row, "spikesPerSample", s.spikesPerSample());
            EventsCommand.number(row, "synapticEventsPerSample", s.synapticEventsPerSample());
        }
        root.put("deadLetters", r.deadLetters().size());
        root.put("testEvents", r.testEvents());
        EventsCommand.number(root, "trainSeconds", r.trainSeconds());
        EventsCommand.number(root, "jobSeconds", r.jobSeconds());

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "test accuracy %s (n=%d, %d-neuron reservoir, %s readout; baseline %s; plain Java %s, agreement %s)%n",
                pct(r.accuracy()), r.n(), r.neurons(), r.readout(), pct(r.baselineAccuracy()), pct(r.javaAccuracy()), pct(r.agreement()));
        out.printf(Locale.ROOT, "%d-fold CV on %d train samples: reservoir %s, baseline %s%n", r.folds(), r.trainSamples(),
                pct(r.cvAccuracy()), pct(r.cvBaselineAccuracy()));
        EventsCommand.printDeadLetters(out, r.deadLetters());
        if (saveModel != null) {
            r.model().save(saveModel);
            out.println("model: " + saveModel.toAbsolutePath());
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), root);
            out.println("json: " + json.toAbsolutePath());
        }
        out.flush();
        if (r.n() == 0) throw new IllegalStateException(test + ": no test file could be classified (see the dead letters above)");
        if (r.agreement() < 1.0) {
            throw new IllegalStateException("the Flink job and the plain-Java model disagree on " + pct(1 - r.agreement()) + " of the test files");
        }
        return 0;
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : "n/a";
    }
}

package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.jobs.events.EventsEvaluation;
import dev.engram.snn.OptionSet;
import dev.engram.snn.eval.AugmentOptions;
import dev.engram.snn.eval.EventEvaluation;
import dev.engram.snn.eval.Modality;
import dev.engram.snn.eval.TiledPreset;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * K-fold or speaker-held-out CV of the reservoir and of the binned-count baseline), runs the test
 * folder through the Flink job and writes {@code {"accuracy","n","baselineAccuracy","cvAccuracy",
 * "cvBaselineAccuracy","nestedCvAccuracy","javaAccuracy","agreement",…}} ({@link EventsEvaluation}).
 * Folders hold N-MNIST digits ({@code <label>/<file>.bin}) or spoken digits ({@code .wav}, by label
 * folder or named {@code {label}_{speaker}_{take}.wav}); audio gets the audio reservoir
 * ({@link Modality}). Exit 1 when the stream and the plain-Java predictions disagree on any file, or
 * no test file could be scored.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Train a readout on a labelled train folder (N-MNIST digits or spoken-digit WAVs) and classify a test folder through the Flink job.")
final class EventsEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", paramLabel = "DIR", required = true,
            description = "Train folder: <label>/<file> or {label}_{speaker}_{take}.wav files.")
    Path train;

    @Option(names = "--test", paramLabel = "DIR", required = true, description = "Test folder, laid out as the train folder.")
    Path test;

    @Option(names = "--neurons", paramLabel = "N[,N…]", split = ",",
            description = "Reservoir size(s) of the random reservoir; with several, the best by CV is used and a nested CV "
                    + "reports the untuned figure (default: 1000).")
    List<Integer> neurons;

    @Option(names = "--reservoir", paramLabel = "random|tiled", defaultValue = "random",
            description = "random: the sparse random reservoir; tiled: local receptive fields with pooled features, "
                    + "augmented training and its candidates chosen by nested CV (event cameras only) (default: ${DEFAULT-VALUE}).")
    String reservoirKind;

    @Option(names = "--folds", paramLabel = "K|speaker", defaultValue = "5",
            description = "Cross-validation: K stratified folds, or 'speaker' (one held-out speaker per fold) (default: ${DEFAULT-VALUE}).")
    String folds;

    @Option(names = "--augment", paramLabel = "N", description = "Augmented copies per training sample for candidates without their own (default 0); given, the tiled preset's candidates that set another count are dropped.")
    Integer augment;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any lsm.*, readout.* or augment.* option (README, Options), e.g. --set lsm.tau-membrane-ms=40; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

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
        EventEvaluation.Folds foldSpec;
        try {
            foldSpec = EventEvaluation.Folds.parse(folds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--folds: " + e.getMessage());
        }
        if (neurons != null) for (int n : neurons) if (n < 1) throw new CommandLine.ParameterException(cl, "--neurons must be positive, got " + n);
        if (!List.of("ridge", "logistic", "contrastive").contains(readout)) {
            throw new CommandLine.ParameterException(cl, "--readout must be ridge, logistic or contrastive, got '" + readout + "'");
        }
        if (!List.of("random", "tiled").contains(reservoirKind)) {
            throw new CommandLine.ParameterException(cl, "--reservoir must be random or tiled, got '" + reservoirKind + "'");
        }
        if (augment != null && augment < 0) throw new CommandLine.ParameterException(cl, "--augment must not be negative, got " + augment);
        for (Path dir : List.of(train, test)) if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder");
        EventEvaluation.Options o = options(Modality.of(train), foldSpec);
        EventsEvaluation.Result r = EventsEvaluation.run(train, test, o, run.settings(),
                dev.engram.jobs.WorkFolders.fresh(run.workDir, "events-eval"),
                line -> { if (!run.quiet) System.err.println(line); });

        ObjectNode root = JSON.createObjectNode();
        EventsCommand.number(root, "accuracy", r.accuracy());
        root.put("n", r.n());
        EventsCommand.number(root, "baselineAccuracy", r.baselineAccuracy());
        EventsCommand.number(root, "cvAccuracy", r.cvAccuracy());
        EventsCommand.number(root, "cvBaselineAccuracy", r.cvBaselineAccuracy());
        EventsCommand.number(root, "nestedCvAccuracy", r.nestedCvAccuracy());
        EventsCommand.number(root, "javaAccuracy", r.javaAccuracy());
        EventsCommand.number(root, "agreement", r.agreement());
        root.put("trainSamples", r.trainSamples());
        root.put("folds", r.foldCount());
        root.put("foldBy", r.folds().bySpeaker() ? "speaker" : "stratified");
        root.put("seed", r.seed());
        root.put("chosen", r.chosen());
        root.put("neurons", r.neurons());
        root.put("readout", r.readout());
        root.put("augmentCopies", r.augmentCopies());
        ArrayNode sizes = root.putArray("sizes");
        for (EventEvaluation.SizeResult s : r.sizes()) {
            ObjectNode row = sizes.addObject();
            row.put("name", s.name());
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
        out.printf(Locale.ROOT, "%s CV (%d folds) on %d train samples: reservoir %s (%s; nested %s), baseline %s%n",
                r.folds().bySpeaker() ? "speaker-held-out" : "stratified", r.foldCount(), r.trainSamples(), pct(r.cvAccuracy()),
                r.chosen(), pct(r.nestedCvAccuracy()), pct(r.cvBaselineAccuracy()));
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

    /**
     * An option set on the command line is fixed: candidates that would try another value of {@code key}
     * are dropped ({@code set} holds the value as parsed).
     */
    private static void keepCandidatesAgreeing(List<EventEvaluation.Candidate> candidates, String key, OptionSet set) {
        Object fixed = set.asMap().get(key);
        // compared as parsed values, so 0.20 and 0.2 agree
        candidates.removeIf(c -> c.override(key) != null && !set.withText(key, c.override(key)).asMap().get(key).equals(fixed));
        if (candidates.isEmpty()) throw new IllegalArgumentException(key + "=" + fixed + " leaves no candidate to evaluate");
    }

    /** The run's candidates, readout and augmentation: the modality's reservoir or the tiled preset, then --set. */
    EventEvaluation.Options options(Modality modality, EventEvaluation.Folds foldSpec) {
        OptionSet ro = ReadoutOptions.defaults().with(ReadoutOptions.KIND, readout);
        OptionSet aug = AugmentOptions.defaults();
        List<EventEvaluation.Candidate> candidates = new ArrayList<>();
        if (reservoirKind.equals("tiled")) {
            if (modality != Modality.VISION) throw new IllegalArgumentException("--reservoir tiled is for event cameras, not audio");
            if (neurons != null) throw new IllegalArgumentException("--neurons applies to the random reservoir; a tiled one is sized by its maps");
            candidates.addAll(TiledPreset.candidates(seed));
        } else {
            for (int n : neurons == null ? modality.sizes() : neurons) {
                candidates.add(new EventEvaluation.Candidate("lsm-" + n,
                        modality.lsm().with(LsmOptions.NEURONS, n).with(LsmOptions.SEED, seed)));
            }
        }
        if (augment != null) {
            aug = aug.with(AugmentOptions.COPIES, augment);
            keepCandidatesAgreeing(candidates, AugmentOptions.COPIES.key(), aug);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            try {
                if (key.startsWith("lsm.")) candidates.replaceAll(c -> c.withLsm(c.lsm().withText(key, e.getValue())));
                else if (key.startsWith("readout.")) {
                    ro = ro.withText(key, e.getValue());
                    keepCandidatesAgreeing(candidates, key, ro);
                } else if (key.startsWith("augment.")) {
                    aug = aug.withText(key, e.getValue());
                    keepCandidatesAgreeing(candidates, key, aug);
                }
                else throw new IllegalArgumentException("unknown option " + key + " (lsm.*, readout.*, augment.*)");
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("--set " + key + "=" + e.getValue() + ": " + bad.getMessage(), bad);
            }
        }
        if (!ro.get(ReadoutOptions.KIND).equals("ridge")) {
            // The scaling is the ridge's: under another readout the unit-length candidates would repeat the others.
            candidates.removeIf(c -> "unit-length".equals(c.readout().get(ReadoutOptions.RIDGE_SCALING.key())));
        }
        return new EventEvaluation.Options(candidates, foldSpec, seed, ro, aug, 4);
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : "n/a";
    }
}

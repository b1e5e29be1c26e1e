package dev.engram.jobs.cli;

import dev.engram.snn.OptionSet;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.eval.Modality;
import dev.engram.snn.readout.ReadoutOptions;
import dev.engram.snn.zeroshot.ZeroShotEvaluation;
import dev.engram.snn.zeroshot.ZeroShotModel;
import dev.engram.snn.zeroshot.ZeroShotOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram events zeroshot --vision DIR --audio DIR [--vision-test DIR] [--audio-test DIR]
 * [--train-classes 1-7] [--test-classes 8,9] [--folds K] [--seeds N] [--save-model FILE] --json OUT}:
 * cross-modal zero-shot learning as in the ZS-LSM paper ({@link ZeroShotEvaluation}). Vision and audio
 * recordings run through their own fixed reservoirs ({@link Modality}); projection heads trained on
 * the training classes map both into one embedding; each test audio sample then retrieves one of the
 * vision candidates, one per evaluated class. Writes {@code {"seenAccuracy","unseenAccuracy",
 * "generalizedAccuracy","chanceSeen","chanceUnseen","chanceGeneralized","baselineSeenAccuracy",
 * "baselineUnseenAccuracy","baselineGeneralizedAccuracy",…}} (fractions 0..1), averaged over
 * {@code --seeds} rounds of candidate draws. {@code --save-model} trains the heads on all training-class
 * samples and writes them with the reservoirs' options and class anchors for the multimodal job.
 */
@Command(name = "zeroshot", mixinStandardHelpOptions = true,
        description = "Zero-shot cross-modal retrieval: spoken digits find N-MNIST digits of classes the heads never saw.")
final class EventsZeroshotCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vision", paramLabel = "DIR", required = true, description = "Vision recordings: <label>/<file>.bin (N-MNIST).")
    Path vision;

    @Option(names = "--audio", paramLabel = "DIR", required = true,
            description = "Spoken digits: {label}_{speaker}_{take}.wav or <label>/<file>.wav.")
    Path audio;

    @Option(names = "--vision-test", paramLabel = "DIR", description = "Vision test folder: queries' candidates come from here (needs --audio-test).")
    Path visionTest;

    @Option(names = "--audio-test", paramLabel = "DIR", description = "Audio test folder: queries come from here (needs --vision-test).")
    Path audioTest;

    @Option(names = "--train-classes", paramLabel = "LIST", defaultValue = "1-7",
            description = "Classes the heads train on, e.g. 1-7 or 0,2-4 (default: ${DEFAULT-VALUE}).")
    String trainClasses;

    @Option(names = "--test-classes", paramLabel = "LIST", defaultValue = "8,9",
            description = "Unseen classes, never trained on (default: ${DEFAULT-VALUE}).")
    String testClasses;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds per modality when no test folders are given (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
            description = "Rounds of candidate draws averaged (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of both reservoirs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save-model", paramLabel = "FILE", description = "Write reservoirs, heads and class anchors for 'run multimodal --model'.")
    Path saveModel;

    @Option(names = "--json", paramLabel = "OUT", required = true, description = "Where the JSON result goes.")
    Path json;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any zeroshot.* (heads) or readout.* (baseline) option, e.g. --set zeroshot.steps=1000; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        int[] train = classes(cl, "--train-classes", trainClasses);
        int[] test = classes(cl, "--test-classes", testClasses);
        if (folds < 2) throw new CommandLine.ParameterException(cl, "--folds must be at least 2, got " + folds);
        if (seeds < 1) throw new CommandLine.ParameterException(cl, "--seeds must be at least 1, got " + seeds);
        if ((visionTest == null) != (audioTest == null)) {
            throw new CommandLine.ParameterException(cl, "--vision-test and --audio-test go together");
        }
        OptionSet heads = ZeroShotOptions.defaults(), baseline = ReadoutOptions.defaults();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            try {
                if (e.getKey().startsWith("zeroshot.")) heads = heads.withText(e.getKey(), e.getValue());
                else if (e.getKey().startsWith("readout.")) baseline = baseline.withText(e.getKey(), e.getValue());
                else throw new IllegalArgumentException("unknown option " + e.getKey() + " (zeroshot.*, readout.*)");
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(cl, "--set " + e.getKey() + "=" + e.getValue() + ": " + bad.getMessage());
            }
        }
        ZeroShotEvaluation.Options o;
        try {
            o = new ZeroShotEvaluation.Options(train, test, folds, seeds, Modality.VISION.zeroShotLsm(seed),
                    Modality.AUDIO.zeroShotLsm(seed), heads, baseline);
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(cl, bad.getMessage());
        }
        progress("loading " + vision + " and " + audio);
        LabelledSamples v = LabelledSamples.load(vision), a = LabelledSamples.load(audio);
        LabelledSamples vt = visionTest == null ? null : LabelledSamples.load(visionTest);
        LabelledSamples at = audioTest == null ? null : LabelledSamples.load(audioTest);
        progress("encoding " + v.size() + " vision and " + a.size() + " audio samples");
        ZeroShotEvaluation.Encoded ev = ZeroShotEvaluation.encode(v, o.visionLsm()), ea = ZeroShotEvaluation.encode(a, o.audioLsm());
        ZeroShotEvaluation.Encoded evt = vt == null ? null : ZeroShotEvaluation.encode(vt, o.visionLsm());
        ZeroShotEvaluation.Encoded eat = at == null ? null : ZeroShotEvaluation.encode(at, o.audioLsm());
        progress(vt == null ? "training and retrieving in " + folds + " folds" : "training on the train folders, retrieving in the test folders");
        ZeroShotEvaluation.Result r = ZeroShotEvaluation.run(ev, ea, evt, eat, o);

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "audio finds vision, top-1 over %d rounds: seen %s (chance %s, baseline %s), unseen %s (chance %s, baseline %s), "
                        + "generalized %s (chance %s, baseline %s)%n", r.seeds(),
                pct(r.seenAccuracy()), pct(r.chanceSeen()), pct(r.baselineSeenAccuracy()),
                pct(r.unseenAccuracy()), pct(r.chanceUnseen()), pct(r.baselineUnseenAccuracy()),
                pct(r.generalizedAccuracy()), pct(r.chanceGeneralized()), pct(r.baselineGeneralizedAccuracy()));
        if (saveModel != null) {
            progress("training the model's heads on all training-class samples");
            ZeroShotModel model = ZeroShotEvaluation.trainModel(v, a, ev, ea, o);
            model.save(saveModel);
            out.println("model: " + saveModel.toAbsolutePath());
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(json, r.toJson() + "\n", StandardCharsets.UTF_8);
        out.println("json: " + json.toAbsolutePath());
        out.flush();
        return 0;
    }

    private void progress(String line) {
        if (!quiet) System.err.println(line);
    }

    /** A class list such as {@code 1-7}, {@code 8,9} or {@code 0,2-4}: ascending, no repeats. */
    static int[] classes(CommandLine cl, String flag, String text) {
        TreeSet<Integer> set = new TreeSet<>();
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from || to > 1000) throw new NumberFormatException();
                for (int c = from; c <= to; c++) set.add(c);
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cl, flag + " must list classes like 1-7 or 8,9, got '" + text + "'");
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "n/a";
    }
}

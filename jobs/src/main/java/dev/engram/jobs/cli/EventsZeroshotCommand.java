package dev.engram.jobs.cli;

import static dev.engram.snn.zeroshot.ZeroShotEvaluation.Result.jsonNumber;

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
import java.util.List;
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

    @Option(names = "--hold-out-pairs",
            description = "Also score every split that holds out two of the evaluated classes (heads trained on the others): "
                    + "how unseen-class retrieval depends on which classes are unseen (JSON holdOutPairs).")
    boolean holdOutPairs;

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
        if (holdOutPairs && train.length + test.length < 3) {
            throw new CommandLine.ParameterException(cl, "--hold-out-pairs needs at least 3 evaluated classes (two held out, one to train on), got "
                    + (train.length + test.length));
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
        String text = r.toJson();
        if (holdOutPairs) {
            int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(train), java.util.Arrays.stream(test)).sorted().toArray();
            progress("holding out each of " + all.length * (all.length - 1) / 2 + " pairs of classes in turn");
            List<ZeroShotEvaluation.Result> pairs = ZeroShotEvaluation.holdOutPairs(ev, ea, evt, eat, all, o);
            text = text.substring(0, text.length() - 1) + ",\"holdOutPairs\":" + pairsJson(out, pairs) + "}";
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(json, text + "\n", StandardCharsets.UTF_8);
        out.println("json: " + json.toAbsolutePath());
        out.flush();
        return 0;
    }

    /**
     * {@code {"splits":[{"testClasses","unseenAccuracy","baselineUnseenAccuracy","seenAccuracy"}…],
     * "meanUnseenAccuracy","meanBaselineUnseenAccuracy","splitsAboveChance"}}, and a line per split.
     * A split without queries (no audio of its classes) has {@code null} figures and stays out of the means.
     */
    private static String pairsJson(PrintWriter out, List<ZeroShotEvaluation.Result> pairs) {
        StringBuilder b = new StringBuilder("{\"splits\":[");
        double sum = 0, sumBase = 0;
        int above = 0, scored = 0, scoredBase = 0;
        for (ZeroShotEvaluation.Result p : pairs) {
            if (b.charAt(b.length() - 1) != '[') b.append(',');
            b.append(String.format(Locale.ROOT, "{\"testClasses\":[%d,%d],\"unseenAccuracy\":%s,\"baselineUnseenAccuracy\":%s,"
                    + "\"seenAccuracy\":%s}", p.testClasses()[0], p.testClasses()[1], jsonNumber(p.unseenAccuracy()),
                    jsonNumber(p.baselineUnseenAccuracy()), jsonNumber(p.seenAccuracy())));
            out.printf(Locale.ROOT, "held out %d,%d: unseen %s (baseline %s), seen %s%n", p.testClasses()[0], p.testClasses()[1],
                    pct(p.unseenAccuracy()), pct(p.baselineUnseenAccuracy()), pct(p.seenAccuracy()));
            if (Double.isFinite(p.unseenAccuracy())) {
                sum += p.unseenAccuracy();
                scored++;
                if (p.unseenAccuracy() > p.chanceUnseen()) above++;
            }
            if (Double.isFinite(p.baselineUnseenAccuracy())) {
                sumBase += p.baselineUnseenAccuracy();
                scoredBase++;
            }
        }
        double mean = scored == 0 ? Double.NaN : sum / scored, meanBase = scoredBase == 0 ? Double.NaN : sumBase / scoredBase;
        out.printf(Locale.ROOT, "held-out pairs: mean unseen %s (baseline %s, chance 50.0 %%), %d of %d splits above chance%n", pct(mean),
                pct(meanBase), above, scored);
        return b.append(String.format(Locale.ROOT, "],\"meanUnseenAccuracy\":%s,\"meanBaselineUnseenAccuracy\":%s,\"splitsAboveChance\":%d}",
                jsonNumber(mean), jsonNumber(meanBase), above)).toString();
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

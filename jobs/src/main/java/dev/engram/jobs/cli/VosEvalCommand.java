package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.SummaryJson;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Frame;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.OutOfFold;
import dev.engram.vos.eval.SettingsGrid;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.io.ImageFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram vos eval}: every sequence of a DAVIS folder through the segmentation operator, one
 * stream per sequence in one job, scored against every ground-truth mask present (DAVIS means,
 * first and last scored frame excluded). Sequences with ground truth on fewer than half their
 * frames (e.g. judo-cutie-demo) are excluded unless named in {@code --sequences}; the exclusion is
 * reported on stderr. {@code fps} is a stream's frames per wall-clock second from its first result to its
 * last (streams share the CPU and take turns in the readers); {@code segmenterFps} counts segmenter time only.
 *
 * <p>Built on the VOS job graph: the job commits its output under {@code --out} (masks at
 * {@code <out>/masks/<sequence>/<index>.png}, per-frame results, summaries, dead letters; without
 * {@code --out}, a fresh folder under the work dir) and the table and JSON are made from the
 * committed summaries once it has ended.
 *
 * <p>Failure behaviour: options that cannot segment the frames at all (a memory budget below the
 * fixed per-stream state) fail before the job starts. A bad sequence (unreadable first frame or
 * mask, …) is reported through dead letters while the others are evaluated; the table and JSON
 * are still written, then the command exits 1 naming the sequences without masks.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate J&F on every sequence of a DAVIS folder through the Flink segmentation operator.")
final class VosEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--davis", paramLabel = "DIR", required = true,
            description = "DAVIS folder: <seq>/frames + <seq>/masks, or JPEGImages/480p + Annotations/480p.")
    Path davis;

    @Option(names = "--sequences", paramLabel = "a,b", split = ",", description = "Only these sequences.")
    List<String> sequences;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "At most N frames per sequence (0 = all).")
    int maxFrames;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Keep the job's output here: masks as palette PNGs at DIR/masks/<sequence>/<index>.png, "
                    + "per-frame results, summaries, dead letters (default: a fresh folder under the work dir).")
    Path out;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Option(names = "--folds", paramLabel = "K",
            description = "Choose a setting from the grid by leave-sequences-out cross-validation with K folds and report "
                    + "the out-of-fold J&F beside the in-sample one (every setting is scored once per sequence).")
    Integer folds;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,…",
            description = "A learner option and the values to try (repeatable; the grid is every combination, on top of the "
                    + "other flags). With --folds and no --grid: the grid the defaults were chosen on (docs/BENCHMARKS.md).")
    List<String> grid;

    @Override
    public Integer call() throws Exception {
        List<DavisSequence> chosen = DavisSelection.choose(davis, DavisFolder.discover(davis), sequences);
        if (chosen.isEmpty()) throw new IllegalArgumentException(davis + ": no sequence to evaluate");
        VosOptions options = learner.toVosOptions();
        preflight(options, chosen);
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode root = JSON.createObjectNode();
        root.put("backbone", options.backboneName());
        List<String> failed;
        if (folds == null) {
            if (grid != null) throw new CommandLine.ParameterException(spec.commandLine(), "--grid needs --folds K");
            Map<String, JsonNode> summaries = evaluate(options, chosen, out != null ? out : WorkFolders.fresh(run.workDir, "vos-eval"));
            table(o, chosen, summaries, root);
            if (out != null) o.println("masks: " + out.resolve("masks").toAbsolutePath() + "/<sequence>/<index>.png");
            failed = failures(chosen, summaries);
        } else {
            failed = crossValidate(o, options, chosen, root);
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), root);
            o.println("json: " + json.toAbsolutePath());
        }
        o.flush();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + chosen.size() + " sequences produced no masks: "
                    + String.join(", ", failed) + " (see the dead letters above)");
        }
        return 0;
    }

    /** One job over the chosen sequences with {@code options}; the committed summaries by stream. */
    private Map<String, JsonNode> evaluate(VosOptions options, List<DavisSequence> chosen, Path outputRoot) throws Exception {
        var only = new LinkedHashSet<String>();
        chosen.forEach(c -> only.add(c.name()));
        var source = Sources.frames(SourceSpec.parse("file:" + davis.toAbsolutePath()), null, maxFrames, only, null);
        CommittedOutput output = new CommittedOutput(outputRoot);
        JobLauncher.launch(run, null, "engram-vos-eval", env -> JobGraphs.vos(env, source,
                new SegmentationFunction(options), new FrameScoring(), 20, dev.engram.jobs.EngineSettings.uri(outputRoot)),
                Reports.vosProgress(output), spec.commandLine().getOut());
        output.removeStaging();
        Reports.deadLetters(spec.commandLine().getOut(), output.deadLetters());
        return output.summaries();
    }

    /** The per-sequence table and the {@code sequences}/{@code mean} JSON of one evaluated setting. */
    private static void table(PrintWriter o, List<DavisSequence> chosen, Map<String, JsonNode> summaries, ObjectNode root) {
        ArrayNode rows = root.putArray("sequences");
        o.printf("%-18s %7s %7s %7s %7s %8s %9s %12s%n", "sequence", "frames", "J", "F", "J&F", "fps", "seg fps", "bank peak");
        double[] sums = new double[5];
        int n = 0;
        for (DavisSequence s : chosen) {
            JsonNode x = summaries.get(s.name());
            if (x == null || x.path("frames").asLong() == 0) {
                o.printf("%-18s no output (see dead letters)%n", s.name());
                continue;
            }
            double j = Reports.num(x, "J"), f = Reports.num(x, "F"), jf = Reports.num(x, "JF");
            double fps = Reports.num(x, "fps"), segFps = Reports.num(x, "segmenterFps");
            o.printf("%-18s %7d %7s %7s %7s %8s %9s %12s%n", s.name(), x.path("frames").asLong(), Tables.score(j), Tables.score(f),
                    Tables.score(jf), Tables.fps(fps), Tables.fps(segFps), Tables.bytes(x.path("peakBankBytes").asLong()));
            ObjectNode row = rows.addObject();
            row.put("name", s.name());
            row.put("frames", x.path("frames").asLong());
            SummaryJson.number(row, "J", j);
            SummaryJson.number(row, "F", f);
            SummaryJson.number(row, "JF", jf);
            SummaryJson.number(row, "fps", fps);
            SummaryJson.number(row, "segmenterFps", segFps);
            row.put("peakBankBytes", x.path("peakBankBytes").asLong());
            if (Double.isFinite(jf)) {
                sums[0] += j;
                sums[1] += f;
                sums[2] += jf;
                sums[3] += fps;
                sums[4] += segFps;
                n++;
            }
        }
        ObjectNode mean = root.putObject("mean");
        String[] keys = {"J", "F", "JF", "fps", "segmenterFps"};
        for (int i = 0; i < keys.length; i++) SummaryJson.number(mean, keys[i], n == 0 ? Double.NaN : sums[i] / n);
        o.printf("%-18s %7s %7s %7s %7s %8s %9s%n", "mean", "", Tables.score(mean.path("J").asDouble(Double.NaN)),
                Tables.score(mean.path("F").asDouble(Double.NaN)), Tables.score(mean.path("JF").asDouble(Double.NaN)),
                Tables.fps(mean.path("fps").asDouble(Double.NaN)), Tables.fps(mean.path("segmenterFps").asDouble(Double.NaN)));
    }

    private static List<String> failures(List<DavisSequence> chosen, Map<String, JsonNode> summaries) {
        return chosen.stream().map(DavisSequence::name)
                .filter(name -> !summaries.containsKey(name) || summaries.get(name).path("frames").asLong() == 0).toList();
    }

    /**
     * Scores every grid setting once per sequence (one job each), then chooses by K folds on those
     * scores ({@link OutOfFold}); JSON: {@code grid}, {@code outOfFold}, {@code inSample}, and the
     * in-sample pick's {@code sequences} and {@code mean}.
     */
    private List<String> crossValidate(PrintWriter o, VosOptions base, List<DavisSequence> chosen, ObjectNode root) throws Exception {
        List<DavisSequence> sorted = new ArrayList<>(chosen);
        sorted.sort(java.util.Comparator.comparing(DavisSequence::name));
        List<String> names = sorted.stream().map(DavisSequence::name).toList();
        if (folds < 2 || folds > names.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be in 2.." + names.size() + " (sequences), got " + folds);
        }
        SettingsGrid g = grid == null ? SettingsGrid.DEFAULTS : SettingsGrid.parse(grid);
        List<Map<String, String>> settings = g.settings();
        double[][] scores = new double[settings.size()][names.size()];
        List<Map<String, JsonNode>> results = new ArrayList<>();
        Path root0 = out != null ? out : WorkFolders.fresh(run.workDir, "vos-eval-grid");
        ObjectNode gridJson = root.putObject("grid");
        ArrayNode keys = gridJson.putArray("keys");
        g.keys().forEach(keys::add);
        ArrayNode rows = gridJson.putArray("settings");
        List<String> failed = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            VosOptions opts = SettingsGrid.apply(base, settings.get(s)).resolvedBackbone();
            preflight(opts, chosen);
            o.printf("setting %d/%d: %s%n", s + 1, settings.size(), settings.get(s));
            Map<String, JsonNode> summaries = evaluate(opts, sorted, root0.resolve("setting-" + s));
            results.add(summaries);
            ObjectNode row = rows.addObject();
            row.set("setting", JSON.valueToTree(settings.get(s)));
            row.put("backbone", opts.backboneName());
            ObjectNode per = row.putObject("sequences");
            double fpsSum = 0, segSum = 0;
            for (int q = 0; q < names.size(); q++) {
                JsonNode x = summaries.get(names.get(q));
                double jf = x == null ? Double.NaN : Reports.num(x, "JF");
                if (!Double.isFinite(jf)) {
                    failed.add(names.get(q) + " (setting " + settings.get(s) + ")");
                    jf = 0;
                }
                scores[s][q] = jf;
                SummaryJson.number(per, names.get(q), jf);
                fpsSum += x == null ? 0 : Reports.num(x, "fps");
                segSum += x == null ? 0 : Reports.num(x, "segmenterFps");
            }
            double mean = java.util.Arrays.stream(scores[s]).average().orElse(Double.NaN);
            SummaryJson.number(row, "JF", mean);
            SummaryJson.number(row, "fps", fpsSum / names.size());
            SummaryJson.number(row, "segmenterFps", segSum / names.size());
            o.printf("setting %d/%d: J&F %s  fps %s (segmenter %s)%n", s + 1, settings.size(), Tables.score(mean),
                    Tables.fps(fpsSum / names.size()), Tables.fps(segSum / names.size()));
        }
        OutOfFold.Result r = OutOfFold.choose(names, scores, folds);
        root.put("folds", folds);
        ObjectNode oof = root.putObject("outOfFold");
        SummaryJson.number(oof, "JF", r.outOfFold());
        ArrayNode foldRows = oof.putArray("folds");
        for (OutOfFold.Fold f : r.folds()) {
            ObjectNode fr = foldRows.addObject();
            fr.put("fold", f.index());
            fr.set("heldOut", JSON.valueToTree(f.heldOut()));
            fr.set("pick", JSON.valueToTree(settings.get(f.pick())));
            SummaryJson.number(fr, "trainJF", f.trainScore());
            SummaryJson.number(fr, "heldOutJF", f.heldOutScore());
        }
        ObjectNode in = root.putObject("inSample");
        SummaryJson.number(in, "JF", r.inSample());
        in.set("setting", JSON.valueToTree(settings.get(r.inSampleSetting())));
        root.put("backbone", rows.get(r.inSampleSetting()).path("backbone").asText());
        o.printf("%n%d settings x %d sequences, %d folds (round-robin by name)%n", settings.size(), names.size(), folds);
        for (OutOfFold.Fold f : r.folds()) {
            o.printf("fold %d: held out %s; picked %s (J&F %s on the others, %s held out)%n", f.index(), String.join(",", f.heldOut()),
                    settings.get(f.pick()), Tables.score(f.trainScore()), Tables.score(f.heldOutScore()));
        }
        o.printf("out-of-fold J&F %s   in-sample J&F %s (%s)%n", Tables.score(r.outOfFold()), Tables.score(r.inSample()),
                settings.get(r.inSampleSetting()));
        ObjectNode pick = JSON.createObjectNode();
        table(o, sorted, results.get(r.inSampleSetting()), pick);
        root.set("sequences", pick.get("sequences"));
        root.set("mean", pick.get("mean"));
        return failed;
    }

    /** Fails before the job when the options cannot segment the first readable frame's size (e.g. budget too small). */
    private static void preflight(VosOptions options, List<DavisSequence> chosen) {
        for (DavisSequence s : chosen) {
            Frame first;
            try {
                first = ImageFiles.readFrame(s.frames().get(0), s.name(), 0);
            } catch (RuntimeException unreadable) {
                continue; // reported as a dead letter of that sequence by the job
            }
            LearnerPreflight.check(options, first.width, first.height);
            return;
        }
    }
}

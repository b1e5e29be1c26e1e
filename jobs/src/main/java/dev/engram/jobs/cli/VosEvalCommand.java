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
 * reported on stderr. {@code fps} is frames per second of segmenter time (streams share the CPU).
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

    @Override
    public Integer call() throws Exception {
        List<DavisSequence> chosen = choose(DavisFolder.discover(davis));
        if (chosen.isEmpty()) throw new IllegalArgumentException(davis + ": no sequence to evaluate");
        VosOptions options = learner.toVosOptions();
        preflight(options, chosen);
        Path outputRoot = out != null ? out : WorkFolders.fresh(run.workDir, "vos-eval");
        var only = new LinkedHashSet<String>();
        chosen.forEach(c -> only.add(c.name()));
        var source = Sources.frames(SourceSpec.parse("file:" + davis.toAbsolutePath()), null, maxFrames, only, null);
        CommittedOutput output = new CommittedOutput(outputRoot);
        JobLauncher.launch(run, null, "engram-vos-eval", env -> JobGraphs.vos(env, source,
                new SegmentationFunction(options), new FrameScoring(), 20, dev.engram.jobs.EngineSettings.uri(outputRoot)),
                Reports.vosProgress(output), spec.commandLine().getOut());
        output.removeStaging();
        Map<String, JsonNode> summaries = output.summaries();

        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("sequences");
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-18s %7s %7s %7s %7s %8s %12s%n", "sequence", "frames", "J", "F", "J&F", "fps", "bank peak");
        double[] sums = new double[4];
        int n = 0;
        for (DavisSequence s : chosen) {
            JsonNode x = summaries.get(s.name());
            if (x == null || x.path("frames").asLong() == 0) {
                o.printf("%-18s no output (see dead letters)%n", s.name());
                continue;
            }
            double j = Reports.num(x, "J"), f = Reports.num(x, "F"), jf = Reports.num(x, "JF"), fps = Reports.num(x, "segmenterFps");
            o.printf("%-18s %7d %7s %7s %7s %8s %12s%n", s.name(), x.path("frames").asLong(), Tables.score(j), Tables.score(f),
                    Tables.score(jf), Tables.fps(fps), Tables.bytes(x.path("peakBankBytes").asLong()));
            ObjectNode row = rows.addObject();
            row.put("name", s.name());
            row.put("frames", x.path("frames").asLong());
            SummaryJson.number(row, "J", j);
            SummaryJson.number(row, "F", f);
            SummaryJson.number(row, "JF", jf);
            SummaryJson.number(row, "fps", fps);
            row.put("peakBankBytes", x.path("peakBankBytes").asLong());
            if (Double.isFinite(jf)) {
                sums[0] += j;
                sums[1] += f;
                sums[2] += jf;
                sums[3] += fps;
                n++;
            }
        }
        ObjectNode mean = root.putObject("mean");
        String[] keys = {"J", "F", "JF", "fps"};
        for (int i = 0; i < 4; i++) SummaryJson.number(mean, keys[i], n == 0 ? Double.NaN : sums[i] / n);
        o.printf("%-18s %7s %7s %7s %7s %8s%n", "mean", "", Tables.score(mean.path("J").asDouble(Double.NaN)),
                Tables.score(mean.path("F").asDouble(Double.NaN)), Tables.score(mean.path("JF").asDouble(Double.NaN)),
                Tables.fps(mean.path("fps").asDouble(Double.NaN)));
        Reports.deadLetters(o, output.deadLetters());
        if (out != null) o.println("masks: " + out.resolve("masks").toAbsolutePath() + "/<sequence>/<index>.png");
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), root);
            o.println("json: " + json.toAbsolutePath());
        }
        o.flush();
        List<String> failed = chosen.stream().map(DavisSequence::name)
                .filter(name -> !summaries.containsKey(name) || summaries.get(name).path("frames").asLong() == 0).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + chosen.size() + " sequences produced no masks: "
                    + String.join(", ", failed) + " (see the dead letters above)");
        }
        return 0;
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

    private List<DavisSequence> choose(List<DavisSequence> found) {
        List<DavisSequence> out = new ArrayList<>();
        if (sequences != null) {
            for (String name : sequences) {
                out.add(found.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException(davis + ": no sequence named '" + name + "'")));
            }
            return out;
        }
        for (DavisSequence s : found) {
            if (s.masksByStem().size() * 2 < s.size()) {
                System.err.printf("excluded %s: ground truth for only %d of %d frames (name it in --sequences to include it)%n",
                        s.name(), s.masksByStem().size(), s.size());
            } else {
                out.add(s);
            }
        }
        return out;
    }
}

package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.SummaryJsonSink;
import dev.engram.connectors.source.DavisFolderSource;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.ProgressReporter;
import dev.engram.jobs.SegmentationJob;
import dev.engram.jobs.SummaryCollector;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.StreamSummary;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
            description = "Write every predicted mask as a palette PNG to DIR/<sequence>/<index>.png.")
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
        StreamExecutionEnvironment env = run.environment(run.parallelism);
        SegmentationJob job = SegmentationJob.ofReferences(
                DavisFolderSource.stream(env, DavisFolderSource.references(chosen, maxFrames)),
                new SegmentationFunction(options));
        if (out != null) job.writeMasks(out);
        SummaryCollector result = SummaryCollector.run(job, job.summaries(20, null), "engram-vos-eval",
                run.quiet ? null : new ProgressReporter(System.err, 2000));

        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("sequences");
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-18s %7s %7s %7s %7s %8s %12s%n", "sequence", "frames", "J", "F", "J&F", "fps", "bank peak");
        double[] sums = new double[4];
        int n = 0;
        for (DavisSequence s : chosen) {
            StreamSummary x = result.summaries.get(s.name());
            if (x == null) {
                o.printf("%-18s no output (see dead letters)%n", s.name());
                continue;
            }
            o.printf("%-18s %7d %7s %7s %7s %8s %12s%n", s.name(), x.frames, Tables.score(x.j), Tables.score(x.f),
                    Tables.score(x.jf), Tables.fps(x.segmenterFps), Tables.bytes(x.peakBankBytes));
            ObjectNode row = rows.addObject();
            row.put("name", s.name());
            row.put("frames", x.frames);
            SummaryJsonSink.number(row, "J", x.j);
            SummaryJsonSink.number(row, "F", x.f);
            SummaryJsonSink.number(row, "JF", x.jf);
            SummaryJsonSink.number(row, "fps", x.segmenterFps);
            row.put("peakBankBytes", x.peakBankBytes);
            if (Double.isFinite(x.jf)) {
                sums[0] += x.j;
                sums[1] += x.f;
                sums[2] += x.jf;
                sums[3] += x.segmenterFps;
                n++;
            }
        }
        ObjectNode mean = root.putObject("mean");
        String[] keys = {"J", "F", "JF", "fps"};
        for (int i = 0; i < 4; i++) SummaryJsonSink.number(mean, keys[i], n == 0 ? Double.NaN : sums[i] / n);
        o.printf("%-18s %7s %7s %7s %7s %8s%n", "mean", "", Tables.score(mean.path("J").asDouble(Double.NaN)),
                Tables.score(mean.path("F").asDouble(Double.NaN)), Tables.score(mean.path("JF").asDouble(Double.NaN)),
                Tables.fps(mean.path("fps").asDouble(Double.NaN)));
        printDeadLetters(o, result.deadLetters);
        if (out != null) o.println("masks: " + out.toAbsolutePath() + "/<sequence>/<index>.png");
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), root);
            o.println("json: " + json.toAbsolutePath());
        }
        o.flush();
        List<String> failed = chosen.stream().map(DavisSequence::name).filter(name -> !result.summaries.containsKey(name)).toList();
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

    /** At most three dead letters per stream, then a count: one bad stream must not bury the table. */
    static void printDeadLetters(PrintWriter o, List<DeadLetter> letters) {
        Map<String, List<DeadLetter>> byStream = new TreeMap<>();
        for (DeadLetter d : letters) byStream.computeIfAbsent(String.valueOf(d.streamId), k -> new ArrayList<>()).add(d);
        for (List<DeadLetter> ds : byStream.values()) {
            ds.stream().limit(3).forEach(d -> o.println("dead letter: " + d));
            if (ds.size() > 3) o.printf("dead letter: … and %d more of stream %s%n", ds.size() - 3, ds.get(0).streamId);
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

package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.SummaryJson;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.FrameScore;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.LongStreamFigures;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.memory.MemoryBudget;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Frame;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.DavisFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram bench vos}: one long stream (a real sequence looped forward/backward, ground truth on
 * every frame) through the segmentation operator, first with the configured budget, then with an
 * unbounded memory as the baseline, one job after the other in the same JVM so heap and time
 * figures are not mixed. Each run is the VOS job graph at parallelism 1; its per-frame results are
 * read back from the committed output. Heap is sampled after {@code System.gc()} inside the job
 * ({@link FrameScoring}), after the first W frames and after the last one, while the learner is alive.
 * Any dead letter (e.g. a budget too small for the frame size) fails the command: a benchmark with
 * missing frames would measure something else.
 */
@Command(name = "vos", mixinStandardHelpOptions = true,
        description = "Long-stream VOS benchmark: bounded memory vs an unbounded baseline.")
final class BenchVosCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", paramLabel = "N", required = true, description = "Frames in the long stream.")
    long frames;

    @Option(names = "--davis", paramLabel = "DIR",
            description = "DAVIS folder holding the sequence (default: $ENGRAM_DATA/vos).")
    Path davis;

    @Option(names = "--sequence", paramLabel = "NAME", defaultValue = "bear", description = "Sequence to loop (default: ${DEFAULT-VALUE}).")
    String sequence;

    @Option(names = "--json", paramLabel = "FILE", required = true, description = "Where to write the results.")
    Path json;

    @Option(names = "--no-baseline", description = "Skip the unbounded-memory baseline run.")
    boolean noBaseline;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Override
    public Integer call() throws Exception {
        if (frames < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 2");
        if (davis == null) davis = DataFolder.orFail("--davis").resolve("vos");
        int length = DavisFolder.open(davis, sequence).size();
        int period = length <= 1 ? 1 : 2 * length - 2;
        PrintWriter o = spec.commandLine().getOut();
        VosOptions bounded = learner.toVosOptions();
        Frame first = DavisFolder.open(davis, sequence).readFrame(0, sequence);
        LearnerPreflight.check(bounded, first.width, first.height);
        LongStreamFigures main = measure(bounded, period, "bounded");
        ObjectNode root = toJson(main);
        root.put("sequence", sequence);
        root.put("policy", learner.policy.name());
        root.put("grcl", learner.grcl.name());
        root.put("seed", learner.seed);
        print(o, "budget " + learner.memoryBudget, main);
        if (!noBaseline) {
            LongStreamFigures base = measure(bounded.with(VosOptions.MEMORY_BUDGET, MemoryBudget.unbounded().bytes()),
                    period, "baseline");
            root.set("baseline", toJson(base));
            print(o, "unbounded baseline", base);
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        JSON.writeValue(json.toFile(), root);
        o.println("json: " + json.toAbsolutePath());
        o.flush();
        return 0;
    }

    private LongStreamFigures measure(VosOptions options, int period, String label) throws Exception {
        int window = LongStreamFigures.window(frames);
        Path root = WorkFolders.fresh(run.workDir, "bench-vos-" + label);
        var source = Sources.frames(FrameDiscovery.looped(davis, sequence, sequence, frames));
        CommittedOutput output = new CommittedOutput(root);
        JobRunner.LocalRun r = JobLauncher.launch(run.parallelism == 1 ? run : single(), null, "engram-bench-" + label,
                env -> JobGraphs.vos(env, source, new SegmentationFunction(options), new FrameScoring(window - 1, frames - 1),
                        1000, dev.engram.jobs.EngineSettings.uri(root)),
                () -> progress(output, label), spec.commandLine().getOut());
        List<JsonNode> letters = output.deadLetters();
        if (!letters.isEmpty()) {
            throw new IllegalStateException(label + " run: " + letters.size() + " dead letters; first: "
                    + letters.get(0).path("reason").asText());
        }
        List<FrameScore> scores = new ArrayList<>();
        for (JsonNode line : output.lines("frames", sequence)) scores.add(FrameScore.of(line));
        if (scores.size() != frames) {
            throw new IllegalStateException(label + " run: " + scores.size() + " of " + frames + " frames were segmented");
        }
        return LongStreamFigures.of(scores, r.seconds(), period);
    }

    /** The run options at parallelism 1: one long stream runs in one task. */
    private RunOptions single() {
        run.parallelism = 1;
        return run;
    }

    private void progress(CommittedOutput output, String label) {
        JsonNode s = output.summaries().get(sequence);
        if (s != null) System.err.printf("progress: %s %d/%d frames%n", label, s.path("frames").asLong(), frames);
    }

    private static ObjectNode toJson(LongStreamFigures x) {
        ObjectNode n = JSON.createObjectNode();
        n.put("frames", x.frames());
        SummaryJson.number(n, "fps", x.fps());
        SummaryJson.number(n, "segmenterFps", x.segmenterFps());
        n.put("budgetBytes", x.budgetBytes());
        n.put("bankBytesMax", x.bankBytesMax());
        SummaryJson.number(n, "timeRatio", x.timeRatio());
        SummaryJson.number(n, "cpuTimeRatio", x.cpuTimeRatio());
        n.put("heapFirstBytes", x.heapFirstBytes());
        n.put("heapLastBytes", x.heapLastBytes());
        SummaryJson.number(n, "heapRatio", x.heapRatio());
        n.put("loops", x.loops());
        SummaryJson.number(n, "jfFirstLoop", x.jfFirstLoop());
        SummaryJson.number(n, "jfLastLoop", x.jfLastLoop());
        ArrayNode curve = n.putArray("bankCurve");
        for (long[] point : x.bankCurve()) curve.addObject().put("frame", point[0]).put("bankBytes", point[1]);
        return n;
    }

    private static void print(PrintWriter o, String label, LongStreamFigures x) {
        o.printf("%-20s frames %d  fps %s (segmenter %s)  bank max %s of %s  time ratio %.2f  heap ratio %.2f"
                        + "  J&F first loop %s  last loop %s (%d loops)%n",
                label, x.frames(), Tables.fps(x.fps()), Tables.fps(x.segmenterFps()), Tables.bytes(x.bankBytesMax()),
                Tables.bytes(x.budgetBytes()), x.timeRatio(), x.heapRatio(), Tables.score(x.jfFirstLoop()),
                Tables.score(x.jfLastLoop()), x.loops());
    }
}

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
import dev.engram.vos.synthetic.DriftingScene;
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
 * {@code engram bench vos}: one long stream through the segmentation operator, first with the
 * configured budget, then with an unbounded memory as the baseline, one job after the other in the
 * same JVM so heap and time figures are not mixed. The stream is {@code looped} (a real sequence
 * played forward and backward, ground truth on every frame; the view returns to the annotated frame
 * every loop) or {@code synthetic-drift} ({@code DriftingScene}: exact ground truth, appearance that
 * drifts and never returns). {@code --compare} adds, in the same run, FIFO without GRCL under the same
 * budget and a run restarted from the ground truth {@code W} frames before the end, and reports every
 * configuration's J&F overall, on the first and on the last W frames (W = 1,000, or N/2 for short
 * runs); {@code --seeds} repeats the configured learner and FIFO without GRCL on the drift streams of
 * other seeds and reports the margin between them per stream and its spread. Each run is the VOS job
 * graph at parallelism 1; its per-frame results are read back from the committed output. Heap is sampled after {@code System.gc()} inside the job
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

    @Option(names = "--stream", paramLabel = "looped|synthetic-drift", defaultValue = "looped",
            description = "The long stream: looped (--sequence forward and backward) or synthetic-drift (a scene that drifts "
                    + "and never returns, 320x180) (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = "--compare", description = "Also run FIFO without GRCL (same budget) and a run restarted from the ground truth "
            + "W frames before the end; JSON comparison and jfLast1000Restarted.")
    boolean compare;

    @Option(names = "--seeds", paramLabel = "S1,S2", split = ",",
            description = "With --compare: also run the configured learner and FIFO without GRCL on the drift streams of these "
                    + "seeds (each seeds the scene and the learner, as --seed does); JSON seeds and margin, the configured "
                    + "learner's lead over FIFO without GRCL on every stream, --seed's included.")
    List<Long> seeds = new ArrayList<>();

    /** Frame size of the synthetic-drift stream. */
    static final int DRIFT_WIDTH = 320, DRIFT_HEIGHT = 180;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Override
    public Integer call() throws Exception {
        if (frames < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 2");
        boolean drift = switch (stream) {
            case "looped" -> false;
            case "synthetic-drift" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--stream must be looped or synthetic-drift, got " + stream);
        };
        if (compare && !drift) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compare needs --stream synthetic-drift (a stream that can restart from its truth)");
        }
        if (!seeds.isEmpty() && !compare) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds needs --compare");
        }
        List<Long> others = seeds.stream().distinct().filter(s -> s != learner.seed).toList();
        int period;
        PrintWriter o = spec.commandLine().getOut();
        VosOptions bounded = learner.toVosOptions();
        if (drift) {
            period = (int) Math.min(Integer.MAX_VALUE, frames);
            LearnerPreflight.check(bounded, DRIFT_WIDTH, DRIFT_HEIGHT);
        } else {
            if (davis == null) davis = DataFolder.orFail("--davis").resolve("vos");
            int length = DavisFolder.open(davis, sequence).size();
            period = length <= 1 ? 1 : 2 * length - 2;
            Frame first = DavisFolder.open(davis, sequence).readFrame(0, sequence);
            LearnerPreflight.check(bounded, first.width, first.height);
        }
        int window = LongStreamFigures.window(frames);
        Run main = measure(bounded, period, "bounded", drift, learner.seed, 0);
        ObjectNode root = toJson(main.figures);
        root.put("stream", stream);
        if (!drift) root.put("sequence", sequence);
        root.put("policy", learner.policy.name());
        root.put("grcl", learner.grcl.name());
        root.put("seed", learner.seed);
        root.put("backbone", bounded.backboneName());
        if (drift) jfCurve(root, main.scores, window);
        print(o, "budget " + learner.memoryBudget, main.figures);
        ArrayNode comparison = compare ? root.putArray("comparison") : null;
        if (compare) comparison.add(entry(bounded, main, window));
        if (compare) {
            VosOptions fifo = bounded.with(VosOptions.POLICY, "fifo").with(VosOptions.GRCL, false);
            Run plain = measure(fifo, period, "fifo-no-grcl", drift, learner.seed, 0);
            comparison.add(entry(fifo, plain, window));
            print(o, "fifo, no grcl", plain.figures);
            writeJson(root);
        }
        if (!noBaseline || compare) {
            VosOptions unbounded = bounded.with(VosOptions.MEMORY_BUDGET, MemoryBudget.unbounded().bytes());
            Run base = measure(unbounded, period, "baseline", drift, learner.seed, 0);
            root.set("baseline", toJson(base.figures));
            if (compare) comparison.add(entry(unbounded, base, window));
            print(o, "unbounded baseline", base.figures);
        }
        if (compare) {
            writeJson(root);
            // The truth needs the object in view to restart from: go back from N-W to the nearest frame that shows it.
            long from = restartFrame(new DriftingScene(learner.seed, DRIFT_WIDTH, DRIFT_HEIGHT, 0), frames - window);
            Run restarted = measure(bounded, period, "restarted", true, learner.seed, from);
            double jf = jf(restarted.scores, 1, restarted.scores.size());
            int since = (int) (from + 1);
            SummaryJson.number(root, "jfLast1000Restarted", jf);
            SummaryJson.number(root, "jfLast1000", jf(main.scores, since, main.scores.size()));
            root.put("restartedFrom", from);
            o.printf("restarted from the ground truth at frame %d: J&F of frames %d..%d %s (the learner's own: %s)%n",
                    from, since, frames - 1, Tables.score(jf), Tables.score(jf(main.scores, since, main.scores.size())));
        }
        if (compare && !seeds.isEmpty()) seedMargins(root, bounded, period, others, o);
        writeJson(root);
        o.println("json: " + json.toAbsolutePath());
        o.flush();
        return 0;
    }

    /**
     * The configured learner and FIFO without GRCL on the drift stream of every other seed, after --seed's
     * (taken from the comparison): one stream's margin says little while a change of eviction alone moves
     * a stream by several points, so the margin is reported per stream and as mean, min, max and sample SD.
     */
    private void seedMargins(ObjectNode root, VosOptions bounded, int period, List<Long> others, PrintWriter o) throws Exception {
        JsonNode comparison = root.path("comparison");
        ArrayNode perSeed = root.putArray("seeds");
        List<Double> margins = new ArrayList<>();
        margins.add(seedEntry(perSeed, learner.seed, comparison.get(0).path("jf").asDouble(), comparison.get(1).path("jf").asDouble(), o));
        root.set("margin", marginJson(margins));
        for (long seed : others) {
            VosOptions configured = bounded.with(VosOptions.SEED, seed);
            VosOptions fifo = configured.with(VosOptions.POLICY, "fifo").with(VosOptions.GRCL, false);
            Run a = measure(configured, period, "seed-" + seed, true, seed, 0);
            Run b = measure(fifo, period, "seed-" + seed + "-fifo-no-grcl", true, seed, 0);
            margins.add(seedEntry(perSeed, seed, jf(a.scores, 1, a.scores.size()), jf(b.scores, 1, b.scores.size()), o));
            root.set("margin", marginJson(margins));
            writeJson(root);
        }
        JsonNode m = root.path("margin");
        o.printf("margin over FIFO without GRCL on %d streams: mean %+.1f points (min %+.1f, max %+.1f, SD %.1f)%n", margins.size(),
                100 * m.path("mean").asDouble(), 100 * m.path("min").asDouble(), 100 * m.path("max").asDouble(), 100 * m.path("sd").asDouble());
    }

    private static double seedEntry(ArrayNode perSeed, long seed, double jf, double fifo, PrintWriter o) {
        ObjectNode e = perSeed.addObject().put("seed", seed);
        SummaryJson.number(e, "jf", jf);
        SummaryJson.number(e, "jfFifoNoGrcl", fifo);
        SummaryJson.number(e, "margin", jf - fifo);
        o.printf("seed %d: J&F %s, fifo without grcl %s, margin %+.1f points%n", seed, Tables.score(jf), Tables.score(fifo), 100 * (jf - fifo));
        return jf - fifo;
    }

    /** Mean, min, max and sample standard deviation (0 for one stream) of the margins, in J&F units. */
    static ObjectNode marginJson(List<Double> margins) {
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            sum += m;
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        double mean = sum / margins.size(), sq = 0;
        for (double m : margins) sq += (m - mean) * (m - mean);
        ObjectNode n = JSON.createObjectNode().put("streams", margins.size());
        SummaryJson.number(n, "mean", mean);
        SummaryJson.number(n, "min", min);
        SummaryJson.number(n, "max", max);
        SummaryJson.number(n, "sd", margins.size() > 1 ? Math.sqrt(sq / (margins.size() - 1)) : 0);
        return n;
    }

    /** Writes the JSON as it stands, so the runs that finished are kept when a later one fails. */
    private void writeJson(ObjectNode root) throws java.io.IOException {
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        JSON.writeValue(json.toFile(), root);
    }

    /** The latest frame at or before {@code target} whose truth shows the object (a restart needs it), else 0. */
    static long restartFrame(DriftingScene scene, long target) {
        for (long i = target; i > 0; i--) {
            if (scene.groundTruth(i).objectIds().length > 0) return i;
        }
        return 0;
    }

    /** One run's figures and its per-frame scores (index order). */
    private record Run(LongStreamFigures figures, List<FrameScore> scores) {}

    private static ObjectNode entry(VosOptions options, Run run, int window) {
        ObjectNode e = JSON.createObjectNode();
        e.put("policy", options.get(VosOptions.POLICY));
        e.put("grcl", options.get(VosOptions.GRCL) ? "on" : "off");
        e.put("budgetBytes", options.get(VosOptions.MEMORY_BUDGET));
        int n = run.scores.size();
        SummaryJson.number(e, "jf", jf(run.scores, 1, n));
        SummaryJson.number(e, "jfFirst1000", jf(run.scores, 1, Math.min(n, window)));
        SummaryJson.number(e, "jfLast1000", jf(run.scores, Math.max(1, n - window), n));
        jfCurve(e, run.scores, window);
        e.put("bankBytesMax", run.figures.bankBytesMax());
        SummaryJson.number(e, "cpuTimeRatio", run.figures.cpuTimeRatio());
        SummaryJson.number(e, "heapRatio", run.figures.heapRatio());
        return e;
    }

    /** J&F per window [1, W), [W, 2W), ...: the first is jfFirst1000's and, when W divides N, the last is jfLast1000's. */
    private static void jfCurve(ObjectNode node, List<FrameScore> scores, int window) {
        ArrayNode curve = node.putArray("jfCurve");
        int n = scores.size();
        for (int from = 1, to = Math.min(n, window); from < n; from = to, to = Math.min(n, to + window)) {
            SummaryJson.number(curve.addObject().put("from", from).put("to", to - 1), "jf", jf(scores, from, to));
        }
    }

    /** Mean per-frame J&F over scores [from, to) (J and F averaged over the frame's objects; frames without an object count as DAVIS does). */
    private static double jf(List<FrameScore> scores, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            FrameScore s = scores.get(i);
            if (Double.isFinite(s.j) && Double.isFinite(s.f)) {
                sum += (s.j + s.f) / 2;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** @param sceneSeed the drift scene's seed (the options carry the learner's) */
    private Run measure(VosOptions options, int period, String label, boolean drift, long sceneSeed, long start) throws Exception {
        int window = LongStreamFigures.window(frames - start);
        Path root = WorkFolders.fresh(run.workDir, "bench-vos-" + label);
        String streamId = drift ? "drift" : sequence;
        var source = Sources.frames(drift
                ? FrameDiscovery.drifting(streamId, sceneSeed, DRIFT_WIDTH, DRIFT_HEIGHT, start, frames)
                : FrameDiscovery.looped(davis, sequence, sequence, frames));
        CommittedOutput output = new CommittedOutput(root);
        JobRunner.LocalRun r = JobLauncher.launch(run.parallelism == 1 ? run : single(), null, "engram-bench-" + label,
                env -> JobGraphs.vos(env, source, new SegmentationFunction(options),
                        new FrameScoring(start + window - 1, frames - 1), 1000, dev.engram.jobs.EngineSettings.uri(root)),
                () -> progress(output, label, streamId), spec.commandLine().getOut());
        List<JsonNode> letters = output.deadLetters();
        if (!letters.isEmpty()) {
            throw new IllegalStateException(label + " run: " + letters.size() + " dead letters; first: "
                    + letters.get(0).path("reason").asText());
        }
        List<FrameScore> scores = new ArrayList<>();
        for (JsonNode line : output.lines("frames", streamId)) scores.add(FrameScore.of(line));
        if (scores.size() != frames - start) {
            throw new IllegalStateException(label + " run: " + scores.size() + " of " + (frames - start) + " frames were segmented");
        }
        return new Run(LongStreamFigures.of(scores, r.seconds(), (int) Math.min(period, frames - start)), scores);
    }

    /** The run options at parallelism 1: one long stream runs in one task. */
    private RunOptions single() {
        run.parallelism = 1;
        return run;
    }

    private void progress(CommittedOutput output, String label, String streamId) {
        JsonNode s = output.summaries().get(streamId);
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
        ArrayNode cpu = n.putArray("cpuCurve");
        for (long[] point : x.cpuCurve()) cpu.addObject().put("frame", point[0]).put("cpuMsMedian", point[1] / 1e6);
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

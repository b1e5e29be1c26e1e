package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.SummaryJsonSink;
import dev.engram.connectors.source.LoopedSequenceSource;
import dev.engram.jobs.FrameScore;
import dev.engram.jobs.FrameScorer;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.LongStreamFigures;
import dev.engram.jobs.SegmentationJob;
import dev.engram.memory.MemoryBudget;
import dev.engram.operators.DeadLetter;
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
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram bench vos}: one long stream (a real sequence looped forward/backward, ground truth on
 * every frame) through the segmentation operator, first with the configured budget, then with an
 * unbounded memory as the baseline, one job after the other in the same JVM so heap and time
 * figures are not mixed. Heap is sampled after {@code System.gc()} inside the job
 * ({@link FrameScorer}), after the first W frames and after the last one, while the learner is alive.
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

    @Option(names = "--davis", paramLabel = "DIR", defaultValue = "../shared/data/vos",
            description = "DAVIS folder holding the sequence (default: ${DEFAULT-VALUE}).")
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
        LoopedSequenceSource source = new LoopedSequenceSource(davis, sequence, sequence);
        int period = source.loopPeriod(source.check());
        PrintWriter o = spec.commandLine().getOut();
        VosOptions bounded = learner.toVosOptions();
        Frame first = DavisFolder.open(davis, sequence).readFrame(0, sequence);
        LearnerPreflight.check(bounded, first.width, first.height);
        LongStreamFigures main = measure(source, bounded, period, "bounded");
        ObjectNode root = toJson(main);
        root.put("sequence", sequence);
        root.put("policy", learner.policy.name());
        root.put("grcl", learner.grcl.name());
        root.put("seed", learner.seed);
        print(o, "budget " + learner.memoryBudget, main);
        if (!noBaseline) {
            LongStreamFigures base = measure(source, bounded.with(VosOptions.MEMORY_BUDGET, MemoryBudget.unbounded().bytes()),
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

    private LongStreamFigures measure(LoopedSequenceSource source, VosOptions options, int period, String label)
            throws Exception {
        StreamExecutionEnvironment env = run.environment(1);
        SegmentationJob job = SegmentationJob.of(source.stream(env, frames), new SegmentationFunction(options));
        int window = LongStreamFigures.window(frames);
        List<FrameScore> scores = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        long started = 0, lastPrint = 0;
        DataStream<Object> both = job.segmented().map(new FrameScorer(window - 1, frames - 1)).name("score")
                .map(s -> (Object) s).returns(Object.class)
                .union(job.deadLetters().map(d -> (Object) d).returns(Object.class));
        try (CloseableIterator<Object> it = both.executeAndCollect("engram-bench-" + label)) {
            while (it.hasNext()) {
                Object next = it.next();
                if (next instanceof DeadLetter d) {
                    deadLetters.add(d);
                    continue;
                }
                scores.add((FrameScore) next);
                long now = System.currentTimeMillis();
                if (started == 0) {
                    started = System.nanoTime();
                    lastPrint = now;
                }
                if (!run.quiet && now - lastPrint > 2000) {
                    lastPrint = now;
                    double s = (System.nanoTime() - started) / 1e9;
                    System.err.printf("progress: %s %d/%d frames %.1f fps%n", label, scores.size(), frames,
                            s > 0 ? scores.size() / s : 0.0);
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        if (!deadLetters.isEmpty()) {
            throw new IllegalStateException(label + " run: " + deadLetters.size() + " of " + frames
                    + " frames were not segmented; first: " + deadLetters.get(0).reason);
        }
        scores.sort((a, b) -> Long.compare(a.index, b.index));
        return LongStreamFigures.of(scores, seconds, period);
    }

    private static ObjectNode toJson(LongStreamFigures x) {
        ObjectNode n = JSON.createObjectNode();
        n.put("frames", x.frames());
        SummaryJsonSink.number(n, "fps", x.fps());
        SummaryJsonSink.number(n, "segmenterFps", x.segmenterFps());
        n.put("budgetBytes", x.budgetBytes());
        n.put("bankBytesMax", x.bankBytesMax());
        SummaryJsonSink.number(n, "timeRatio", x.timeRatio());
        SummaryJsonSink.number(n, "cpuTimeRatio", x.cpuTimeRatio());
        n.put("heapFirstBytes", x.heapFirstBytes());
        n.put("heapLastBytes", x.heapLastBytes());
        SummaryJsonSink.number(n, "heapRatio", x.heapRatio());
        n.put("loops", x.loops());
        SummaryJsonSink.number(n, "jfFirstLoop", x.jfFirstLoop());
        SummaryJsonSink.number(n, "jfLastLoop", x.jfLastLoop());
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

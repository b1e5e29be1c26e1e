package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.SummaryJsonSink;
import dev.engram.connectors.source.LoopedSequenceSource;
import dev.engram.jobs.FlinkEnvironments;
import dev.engram.jobs.FrameScore;
import dev.engram.jobs.LongStreamFigures;
import dev.engram.jobs.SegmentationJob;
import dev.engram.memory.MemoryBudget;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.VosOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
 * figures are not mixed. Heap is sampled after {@code System.gc()} in the collecting loop, which
 * shares the JVM with the local MiniCluster (meaningless on a remote cluster).
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
        LongStreamFigures main = measure(source, bounded, period, "bounded");
        ObjectNode root = toJson(main);
        root.put("sequence", sequence);
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
        StreamExecutionEnvironment env = FlinkEnvironments.create(run.workDir, 1);
        SegmentationJob job = SegmentationJob.of(source.stream(env, frames), new SegmentationFunction(options));
        int window = LongStreamFigures.window(frames);
        List<FrameScore> scores = new ArrayList<>();
        long heapEarly = 0, started = 0, lastPrint = 0;
        try (CloseableIterator<FrameScore> it = job.segmented().map(FrameScore::of).name("score")
                .executeAndCollect("engram-bench-" + label)) {
            while (it.hasNext()) {
                scores.add(it.next());
                if (started == 0) started = System.nanoTime();
                if (scores.size() == window) heapEarly = heapAfterGc();
                long now = System.currentTimeMillis();
                if (!run.quiet && now - lastPrint > 2000) {
                    lastPrint = now;
                    double s = (System.nanoTime() - started) / 1e9;
                    System.err.printf("progress: %s %d/%d frames %.1f fps%n", label, scores.size(), frames,
                            s > 0 ? scores.size() / s : 0.0);
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        scores.sort((a, b) -> Long.compare(a.index, b.index));
        return LongStreamFigures.of(scores, seconds, heapEarly, heapAfterGc(), period);
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static ObjectNode toJson(LongStreamFigures x) {
        ObjectNode n = JSON.createObjectNode();
        n.put("frames", x.frames());
        SummaryJsonSink.number(n, "fps", x.fps());
        n.put("budgetBytes", x.budgetBytes());
        n.put("bankBytesMax", x.bankBytesMax());
        SummaryJsonSink.number(n, "timeRatio", x.timeRatio());
        SummaryJsonSink.number(n, "heapRatio", x.heapRatio());
        SummaryJsonSink.number(n, "jfFirstLoop", x.jfFirstLoop());
        SummaryJsonSink.number(n, "jfLastLoop", x.jfLastLoop());
        return n;
    }

    private static void print(PrintWriter o, String label, LongStreamFigures x) {
        o.printf("%-20s frames %d  fps %s  bank max %s of %s  time ratio %.2f  heap ratio %.2f  J&F first loop %s  last loop %s%n",
                label, x.frames(), Tables.fps(x.fps()), Tables.bytes(x.bankBytesMax()), Tables.bytes(x.budgetBytes()),
                x.timeRatio(), x.heapRatio(), Tables.score(x.jfFirstLoop()), Tables.score(x.jfLastLoop()));
    }
}

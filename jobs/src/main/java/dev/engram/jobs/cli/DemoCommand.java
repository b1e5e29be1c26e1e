package dev.engram.jobs.cli;

import dev.engram.connectors.sink.MaskPngSink;
import dev.engram.connectors.source.SyntheticCameraSource;
import dev.engram.jobs.ProgressReporter;
import dev.engram.jobs.SegmentationJob;
import dev.engram.jobs.SummaryCollector;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.StreamSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code engram demo}: synthetic cameras through the segmentation operator on a local Flink. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Segment seeded synthetic camera streams on a local Flink and write masks, overlay videos and summaries.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--streams", defaultValue = "2", description = "Number of synthetic cameras (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--frames", defaultValue = "120", description = "Frames per camera (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--width", defaultValue = "480", description = "Frame width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "270", description = "Frame height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--objects", defaultValue = "2", description = "Objects per camera (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "engram-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Override
    public Integer call() throws Exception {
        if (streams < 1 || frames < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--streams and --frames must be at least 1");
        if (width < 16 || height < 16) throw new CommandLine.ParameterException(spec.commandLine(), "--width and --height must be at least 16");
        StreamExecutionEnvironment env = run.environment(run.parallelism);
        SyntheticCameraSource cameras = new SyntheticCameraSource("cam", streams, learner.seed, width, height, objects);
        Path masks = out.resolve("masks"), overlays = out.resolve("overlays"), summaries = out.resolve("summaries");
        SegmentationJob job = SegmentationJob.of(cameras.stream(env, frames),
                        new SegmentationFunction(learner.toVosOptions()).keepPixels(true))
                .writeMasks(masks).writeOverlays(overlays, 25);
        var summaryStream = job.summaries(10, summaries);
        long started = System.nanoTime();
        SummaryCollector result = SummaryCollector.run(job, summaryStream, "engram-demo",
                run.quiet ? null : new ProgressReporter(System.err, 2000));
        double seconds = (System.nanoTime() - started) / 1e9;

        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-8s %7s %7s %7s %7s %7s %12s %12s%n", "stream", "frames", "fps", "J", "F", "J&F", "bank peak", "budget");
        for (StreamSummary s : result.summaries.values()) {
            o.printf("%-8s %7d %7s %7s %7s %7s %12s %12s%n", s.streamId, s.frames, Tables.fps(s.fps), Tables.score(s.j),
                    Tables.score(s.f), Tables.score(s.jf), Tables.bytes(s.peakBankBytes), Tables.bytes(s.budgetBytes));
        }
        o.printf("%d dead letters; job took %.1f s%n", result.deadLetters.size(), seconds);
        result.deadLetters.forEach(d -> o.println("  dead letter: " + d));
        Tables.writtenFiles(o, masks, overlays, summaries, result.summaries.values());
        o.flush();
        return result.summaries.size() == streams ? 0 : 1;
    }

    static Path maskFile(Path out, String stream, long index) {
        return MaskPngSink.file(out.resolve("masks"), stream, index);
    }
}

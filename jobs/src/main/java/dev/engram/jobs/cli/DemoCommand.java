package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.Overlays;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram demo}: seeded synthetic cameras (exact ground truth) through the VOS job graph on the
 * embedded Flink, checkpointed like any job; then the table from the committed summaries and a
 * preview video per camera made from the committed masks.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Segment seeded synthetic camera streams on a local Flink and write masks, per-frame results, summaries and overlay videos.")
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
        new SyntheticCamera(learner.seed, width, height, objects); // refuses bad camera settings before the job
        var source = Sources.frames(SourceSpec.parse("synthetic:" + streams), null, frames, null,
                new Sources.Synthetic(width, height, objects, 0, learner.seed));
        String root = dev.engram.jobs.EngineSettings.uri(out);
        CommittedOutput output = new CommittedOutput(out);
        JobRunner.LocalRun r = JobLauncher.launch(run, null, "engram-demo",
                env -> JobGraphs.vos(env, source, new SegmentationFunction(learner.toVosOptions()), new FrameScoring(), 10, root),
                Reports.vosProgress(output), spec.commandLine().getOut());
        PrintWriter o = spec.commandLine().getOut();
        Map<String, JsonNode> summaries = output.summaries();
        Reports.vosTable(o, summaries);
        o.printf("job took %.1f s%n", r.seconds());
        for (int k = 0; k < streams; k++) {
            String id = "cam-" + k;
            SyntheticCamera camera = new SyntheticCamera(learner.seed + k, width, height, objects);
            Path video = out.resolve("overlays").resolve(id + ".mp4");
            Overlays.render(out, id, i -> i < frames ? frame(camera, i) : null, 25, video);
        }
        RunCommand.finish(o, output, r);
        o.println("masks:     " + out.resolve("masks").toAbsolutePath() + "/<stream>/<index>.png");
        o.println("frames:    " + out.resolve("frames").toAbsolutePath() + "/<stream>.jsonl");
        o.println("summaries: " + out.resolve("summaries").toAbsolutePath() + "/<stream>.json");
        o.println("overlays:  " + out.resolve("overlays").toAbsolutePath() + "/<stream>.mp4");
        o.flush();
        long complete = summaries.values().stream().filter(s -> s.path("complete").asBoolean()).count();
        return complete == streams ? 0 : 1;
    }

    private static Frame frame(SyntheticCamera camera, long i) {
        return camera.frame(i);
    }

    static Path maskFile(Path out, String stream, long index) {
        return out.resolve(OutputLayout.mask(stream, index));
    }
}

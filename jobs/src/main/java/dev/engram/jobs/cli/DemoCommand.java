package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.Overlays;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.TtaModels;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.tta.TtaFunction;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram demo}: all three learners adapting side by side in one job on the embedded Flink,
 * checkpointed like any job: seeded synthetic cameras with exact ground truth (VOS), event cameras
 * emulated from synthetic cameras (the spiking reservoir), and synthetic digit cameras under drifting
 * weather (test-time adaptation; the source model is trained on rendered digits at first use and
 * cached). The live dashboard runs beside it (its address printed first); afterwards the tables come
 * from the committed output, with a preview video per VOS camera made from the committed masks.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "VOS, event and TTA streams adapting side by side on a local Flink, watched live on the dashboard; "
                + "writes masks, per-frame results, summaries, event windows, TTA batches and overlay videos.")
final class DemoCommand implements Callable<Integer> {
    /** Reservoir window of the demo's event streams. */
    static final long EVENT_WINDOW_US = 100_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--streams", defaultValue = "2", description = "VOS synthetic cameras (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--event-streams", defaultValue = "1", description = "Emulated event cameras (default: ${DEFAULT-VALUE}).")
    int eventStreams;

    @Option(names = "--tta-streams", defaultValue = "1", description = "Synthetic digit cameras for test-time adaptation (default: ${DEFAULT-VALUE}).")
    int ttaStreams;

    @Option(names = "--frames", defaultValue = "120",
            description = "Frames per VOS and event camera; 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--tta-batches", defaultValue = "30",
            description = "Batches per digit camera; 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long ttaBatches;

    @Option(names = "--fps", defaultValue = "0",
            description = "Frames per second each VOS and event camera delivers; 0 = as fast as the job runs (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--digits-per-second", defaultValue = "0",
            description = "Digits per second each digit camera delivers; 0 = as fast as the job runs (default: ${DEFAULT-VALUE}).")
    double digitsPerSecond;

    @Option(names = "--width", defaultValue = "480", description = "VOS frame width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "270", description = "VOS frame height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--objects", defaultValue = "2", description = "Objects per VOS camera (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--tta-method", paramLabel = "METHOD", defaultValue = "ecotta",
            description = "Test-time adaptation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TtaOptions.MethodName ttaMethod;

    @Option(names = "--tta-learning-rate", paramLabel = "RATE",
            description = "Adam's learning rate of TENT or EcoTTA (default: 1e-3; far higher rates collapse, and the guard resets).")
    Double ttaLearningRate;

    @Option(names = "--tta-severity", paramLabel = "1..5", defaultValue = "3", description = "Weather severity (default: ${DEFAULT-VALUE}).")
    int ttaSeverity;

    @Option(names = "--tta-cache", paramLabel = "DIR", defaultValue = "target/tta-cache",
            description = "Where the rendered-digit source model is cached (trained on first use) (default: ${DEFAULT-VALUE}).")
    Path ttaCache;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "engram-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (streams < 0 || eventStreams < 0 || ttaStreams < 0 || streams + eventStreams + ttaStreams == 0) {
            throw new CommandLine.ParameterException(cl, "--streams, --event-streams and --tta-streams must not be negative, and not all 0");
        }
        if (frames < 0 || ttaBatches < 0) throw new CommandLine.ParameterException(cl, "--frames and --tta-batches must not be negative");
        if (width < 16 || height < 16) throw new CommandLine.ParameterException(cl, "--width and --height must be at least 16");
        if (dashboard.dashboard == null) dashboard.dashboard = "0";
        new SyntheticCamera(learner.seed, width, height, objects); // refuses bad camera settings before the job
        TtaOptions tta = new TtaOptions();
        tta.method = ttaMethod;
        tta.learningRate = ttaLearningRate;
        tta.severity = ttaSeverity;
        tta.cache = ttaCache;
        tta.seed = learner.seed;
        tta.check(cl);
        PrintWriter o = cl.getOut();

        String root = dev.engram.jobs.EngineSettings.uri(out);
        CommittedOutput output = new CommittedOutput(out);
        JobRunner.LocalRun r;
        try (LiveDashboard dash = LiveDashboard.start(dashboard, o)) {
            TtaModels.Prepared prepared = null;
            TtaFunction adapt = null;
            if (ttaStreams > 0) {
                Djl.offline();
                prepared = tta.prepare(null, run.quiet ? null : System.err::println);
                adapt = tta.function(prepared);
            }
            var vosSource = streams == 0 ? null : Sources.frames(SourceSpec.parse("synthetic:" + streams), null, frames, null,
                    new Sources.Synthetic(width, height, objects, fps, learner.seed));
            var eventSource = eventStreams == 0 ? null : Sources.events(SourceSpec.parse("synthetic:" + eventStreams), "auto", 0,
                    frames, new Sources.Synthetic(128, 96, 2, fps, learner.seed + 1000));
            var digitSource = ttaStreams == 0 ? null : Sources.syntheticDigits(ttaStreams, prepared.faces(), ttaSeverity, tta.batch,
                    tta.spell, ttaBatches, digitsPerSecond, learner.seed);
            SegmentationFunction segment = new SegmentationFunction(learner.toVosOptions());
            EventReservoirFunction reservoir = EventReservoirFunction.windows(
                    LsmOptions.defaults().with(LsmOptions.SEED, learner.seed), EVENT_WINDOW_US);
            JobGraphs.PreviewTarget previews = dash == null ? null : dash.previews();
            if (previews != null) {
                segment.previews(previews.intervalMs());
                reservoir.previews(previews.intervalMs());
                if (adapt != null) adapt.previews(previews.intervalMs());
            }
            TtaFunction adapter = adapt;
            r = JobLauncher.launch(run, null, dash, "engram-demo", env -> {
                List<JobGraphs.Pipeline> pipelines = new ArrayList<>();
                if (vosSource != null) pipelines.add(JobGraphs.vosPipeline(env, "vos-", vosSource, segment, new FrameScoring(), 10));
                if (eventSource != null) pipelines.add(JobGraphs.eventsPipeline(env, "events-", eventSource, reservoir));
                if (digitSource != null) pipelines.add(JobGraphs.ttaPipeline(env, "tta-", digitSource, adapter));
                JobGraphs.finish(pipelines, root, previews);
            }, Reports.vosProgress(output), o);
        }
        Map<String, JsonNode> summaries = output.summaries();
        if (streams > 0) Reports.vosTable(o, summaries);
        if (eventStreams > 0) {
            for (String s : output.finishedStreams("events")) {
                o.printf(Locale.ROOT, "%-20s %7d windows%n", s, output.lines("events", s).size());
            }
        }
        if (ttaStreams > 0) Reports.ttaTable(o, output);
        o.printf(Locale.ROOT, "job took %.1f s%n", r.seconds());
        for (int k = 0; k < streams; k++) {
            String id = "cam-" + k;
            SyntheticCamera camera = new SyntheticCamera(learner.seed + k, width, height, objects);
            long last = frames > 0 ? frames : output.maskCount(id);
            Path video = out.resolve("overlays").resolve(id + ".mp4");
            Overlays.render(out, id, i -> i < last ? frame(camera, i) : null, 25, video);
        }
        RunCommand.finish(o, output, r);
        o.println("masks:     " + out.resolve("masks").toAbsolutePath() + "/<stream>/<index>.png");
        o.println("frames:    " + out.resolve("frames").toAbsolutePath() + "/<stream>.jsonl");
        o.println("summaries: " + out.resolve("summaries").toAbsolutePath() + "/<stream>.json");
        o.println("events:    " + out.resolve("events").toAbsolutePath() + "/<stream>.jsonl");
        o.println("tta:       " + out.resolve("tta").toAbsolutePath() + "/<stream>.jsonl");
        o.println("overlays:  " + out.resolve("overlays").toAbsolutePath() + "/<stream>.mp4");
        o.flush();
        if (r.savepoint() != null) return 0;
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

package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobInput;
import dev.engram.jobs.JobOutputs;
import dev.engram.jobs.KafkaSettings;
import dev.engram.jobs.kafka.Topics;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.SinkSpec;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.TtaModels;
import dev.engram.connectors.source.camera.CameraOptions;
import dev.engram.connectors.source.camera.OverloadPolicy;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.tta.TtaFunction;
import dev.engram.vos.VosOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram run vos|events|tta --source SPEC --sink SPEC}: the one entry point per job. Without
 * {@code --cluster} the job runs on the embedded MiniCluster until its source ends (Ctrl-C stops it
 * with a savepoint) and the command prints what was committed; with it, the job jar is submitted over
 * REST, {@code job: <id>} is printed and the command returns.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job (vos, events, multimodal, tta) from a source to a sink, locally or on a cluster.",
        subcommands = {RunCommand.Vos.class, RunCommand.Events.class, RunCommand.Multimodal.class, RunCommand.Tta.class})
final class RunCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing job (vos, events, multimodal, tta)");
    }

    /** Options every job shares: where input comes from and where output goes. */
    static final class Io {
        @Option(names = "--source", paramLabel = "SPEC", required = true,
                description = "file:PATH, watch:DIR, synthetic:N, kafka:TOPIC, camera:URL[#ID] (repeatable), cameras:FILE (or mnist:DIR for tta).")
        List<String> source;

        @Option(names = "--sink", paramLabel = "SPEC", defaultValue = "file:engram-out",
                description = "file:DIR (a local folder, or a hdfs://, s3://… URI the cluster can write) or kafka:TOPIC (default: ${DEFAULT-VALUE}).")
        String sink;

        /** The one source; only cameras repeat. */
        SourceSpec sourceSpec() {
            if (source.size() != 1) throw new IllegalArgumentException("--source may repeat only for camera: sources");
            return SourceSpec.parse(source.get(0));
        }

        List<SourceSpec> sourceSpecs() {
            return source.stream().map(SourceSpec::parse).toList();
        }

        boolean cameras() {
            return sourceSpecs().stream().allMatch(s -> s.kind() == SourceSpec.Kind.CAMERA || s.kind() == SourceSpec.Kind.CAMERAS);
        }

        SinkSpec sinkSpec() {
            return SinkSpec.parse(sink);
        }
    }

    /** Checks a local source path exists before a local run starts (a cluster resolves paths itself). */
    static void requireLocalInput(SourceSpec s, ClusterOptions cluster) {
        if (cluster.cluster != null || s.kind() == SourceSpec.Kind.SYNTHETIC || s.kind() == SourceSpec.Kind.KAFKA) return;
        if (!Files.exists(s.path())) throw new IllegalArgumentException(s.path() + ": no such file or folder");
    }

    /**
     * Where a run's previews go: on a cluster into {@code <sink>/previews/} (for {@code engram dashboard
     * --cluster … --previews}), locally to the dashboard of this process; nowhere without one.
     */
    static JobGraphs.PreviewTarget previews(ClusterOptions cluster, SinkSpec sink, LiveDashboard dashboard) {
        if (cluster.cluster != null) {
            // a cluster's previews go beside its file outputs; a job writing to Kafka makes none
            return sink.kind() == SinkSpec.Kind.FILE ? JobGraphs.PreviewTarget.folder(sink.root().replaceAll("/+$", "") + "/previews") : null;
        }
        return dashboard == null ? null : dashboard.previews();
    }

    /** Refuses --dashboard with --cluster: the dashboard of a cluster is {@code engram dashboard --cluster}. */
    static void checkDashboard(CommandLine cl, ClusterOptions cluster, DashboardOptions dashboard) {
        if (cluster.cluster != null && dashboard.wanted()) {
            throw new CommandLine.ParameterException(cl, "--dashboard watches a run on this machine; for a job on a cluster run "
                    + "engram dashboard --cluster " + cluster.cluster + " --previews <sink>/previews");
        }
    }

    /** The job's outputs: files, or a topic (whose transaction timeout is checked against the run's settings first). */
    static JobOutputs outputs(SinkSpec sink, KafkaSettings kafka, RunOptions run, String job) {
        if (sink.kind() == SinkSpec.Kind.FILE) return JobOutputs.files(sink.root());
        JobOutputs.Kafka outputs = (JobOutputs.Kafka) kafka.outputs(sink, job);
        kafka.checkSink(run.settings().transactionMustOutlast());
        Topics.ensure(outputs.endpoint(), outputs.topic(), outputs.deadLetterTopic());
        return outputs;
    }

    /** After a run into a topic: where its results went. */
    static void finishKafka(PrintWriter o, SinkSpec sink, KafkaSettings kafka, JobRunner.LocalRun r) {
        JobOutputs.Kafka k = (JobOutputs.Kafka) kafka.outputs(sink, "");
        o.println("topic: " + sink.topic() + " (dead letters: " + k.deadLetterTopic() + ")");
        if (r.savepoint() != null) o.println("savepoint: " + r.savepoint());
        o.flush();
    }

    /** After a local run: dead letters, where the output is, the savepoint of a stopped run. */
    static void finish(PrintWriter o, CommittedOutput out, JobRunner.LocalRun r) {
        Reports.deadLetters(o, out.deadLetters());
        o.println("out: " + out.root().toAbsolutePath());
        if (r.savepoint() != null) o.println("savepoint: " + r.savepoint());
        o.flush();
        if (r.savepoint() == null) out.removeStaging();
    }

    @Command(name = "vos", mixinStandardHelpOptions = true,
            description = "Video object segmentation: frames → masks, per-frame results, summaries, dead letters.")
    static final class Vos implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Io io;

        @Option(names = "--masks", paramLabel = "DIR",
                description = "First-frame (and later) masks for sources without their own: DIR/<stream>/<index>.png.")
        Path masks;

        @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0",
                description = "At most N frames per stream (0 = all; synthetic cameras then run until stopped).")
        long maxFrames;

        @Option(names = "--width", defaultValue = "480", description = "Synthetic camera frame width (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "270", description = "Synthetic camera frame height (default: ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--objects", defaultValue = "2", description = "Objects per synthetic camera (default: ${DEFAULT-VALUE}).")
        int objects;

        @Option(names = "--fps", defaultValue = "0", description = "Frames per second a synthetic camera delivers; 0 = as fast as the job runs (default: ${DEFAULT-VALUE}).")
        double fps;

        @Mixin
        RunOptions run;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        LearnerOptions learner;

        @Mixin
        DashboardOptions dashboard;

        @Mixin
        KafkaCliOptions kafka;

        @Option(names = "--on-overload", paramLabel = "drop-oldest|drop-newest|block", defaultValue = "drop-oldest",
                description = "Live cameras: what a full frame queue does when the job is slower than the camera (default: ${DEFAULT-VALUE}).")
        String onOverload;

        @Option(names = "--camera-transport", paramLabel = "tcp|udp", defaultValue = "tcp",
                description = "Live RTSP cameras: interleaved TCP or UDP (default: ${DEFAULT-VALUE}).")
        String cameraTransport;

        @Override
        public Integer call() throws Exception {
            checkDashboard(spec.commandLine(), cluster, dashboard);
            SinkSpec sink = io.sinkSpec();
            VosOptions options = learner.toVosOptions();
            KafkaSettings k = kafka.settings();
            Path maskDir = masks == null ? null : masks.toAbsolutePath();
            JobInput<LabeledFrame> frames;
            if (io.cameras()) {
                OverloadPolicy.of(onOverload);
                if (!cameraTransport.equals("tcp") && !cameraTransport.equals("udp")) throw new IllegalArgumentException("--camera-transport must be tcp or udp");
                frames = Sources.cameras(io.sourceSpecs(), maskDir, maxFrames, Map.of(CameraOptions.ON_OVERLOAD.key(), onOverload,
                        CameraOptions.TRANSPORT.key(), cameraTransport));
            } else {
                SourceSpec source = io.sourceSpec();
                requireLocalInput(source, cluster);
                frames = Sources.frameInput(source, maskDir, maxFrames, new Sources.Synthetic(width, height, objects, fps, learner.seed), k);
            }
            JobInput<LabeledFrame> input = frames;
            JobOutputs outputs = outputs(sink, k, run, "vos");
            PrintWriter o = spec.commandLine().getOut();
            CommittedOutput out = sink.localFolder() == null ? null : new CommittedOutput(sink.localFolder());
            JobRunner.LocalRun r;
            try (LiveDashboard dash = LiveDashboard.start(dashboard, o)) {
                JobGraphs.PreviewTarget previews = previews(cluster, sink, dash);
                r = JobLauncher.launch(run, cluster, dash, "engram-vos",
                        env -> JobGraphs.vos(env, input, new SegmentationFunction(options), new FrameScoring(), 20, outputs, previews),
                        out == null ? null : Reports.vosProgress(out), o);
            }
            if (r != null && sink.kind() == SinkSpec.Kind.KAFKA) finishKafka(o, sink, k, r);
            if (r == null || out == null) return 0;
            Reports.vosTable(o, out.summaries());
            finish(o, out, r);
            return 0;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Event streams through the spiking reservoir (and a trained readout, or a zero-shot model's reservoirs and heads "
                    + "for audio and vision): events/<stream>.jsonl, dead letters.")
    static final class Events implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Io io;

        @Mixin
        ReservoirOptions reservoir;

        @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "Camera frames per synthetic stream; 0 = endless (default: ${DEFAULT-VALUE}).")
        long maxFrames;

        @Option(names = "--width", defaultValue = "128", description = "Synthetic event camera width (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "96", description = "Synthetic event camera height (default: ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--fps", defaultValue = "0", description = "Camera frames per second of a synthetic event camera; 0 = as fast as the job runs (default: ${DEFAULT-VALUE}).")
        double fps;

        @Mixin
        RunOptions run;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        DashboardOptions dashboard;

        @Mixin
        KafkaCliOptions kafka;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            checkDashboard(cl, cluster, dashboard);
            reservoir.check(cl);
            SourceSpec source = io.sourceSpec();
            SinkSpec sink = io.sinkSpec();
            requireLocalInput(source, cluster);
            EventReservoirFunction function = reservoir.function(cl);
            KafkaSettings k = kafka.settings();
            var chunks = Sources.eventInput(source, reservoir.format, reservoir.batchEvents, maxFrames,
                    new Sources.Synthetic(width, height, 2, fps, reservoir.seed), k);
            JobOutputs outputs = outputs(sink, k, run, "events");
            PrintWriter o = cl.getOut();
            CommittedOutput out = sink.localFolder() == null ? null : new CommittedOutput(sink.localFolder());
            JobRunner.LocalRun r;
            try (LiveDashboard dash = LiveDashboard.start(dashboard, o)) {
                JobGraphs.PreviewTarget previews = previews(cluster, sink, dash);
                r = JobLauncher.launch(run, cluster, dash, "engram-events",
                        env -> JobGraphs.events(env, chunks, function, outputs, previews),
                        out == null ? null : Reports.streamsProgress(out, "events"), o);
            }
            if (r != null && sink.kind() == SinkSpec.Kind.KAFKA) finishKafka(o, sink, k, r);
            if (r == null || out == null) return 0;
            List<String> streams = out.finishedStreams("events");
            long lines = streams.stream().mapToLong(s -> out.lines("events", s).size()).sum();
            o.printf(Locale.ROOT, "%d streams, %d results in %.1f s%n", streams.size(), lines, r.seconds());
            finish(o, out, r);
            return 0;
        }
    }

    @Command(name = "multimodal", mixinStandardHelpOptions = true,
            description = "Audio and vision recordings through their own reservoirs and projection heads (a model of 'events zeroshot "
                    + "--save-model'): events/<vision|audio>/<stream>.jsonl with the shared embedding and the zero-shot prediction.")
    static final class Multimodal implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--vision", paramLabel = "DIR|FILE", required = true, description = "Vision recordings (N-MNIST .bin), streams vision/<name>.")
        Path vision;

        @Option(names = "--audio", paramLabel = "DIR|FILE", required = true, description = "Audio recordings (.wav), streams audio/<name>.")
        Path audio;

        @Option(names = "--model", paramLabel = "FILE", required = true, description = "Zero-shot model ('events zeroshot --save-model').")
        Path model;

        @Option(names = "--sink", paramLabel = "SPEC", defaultValue = "file:engram-out",
                description = "file:DIR (a local folder, or a hdfs://, s3://… URI the cluster can write) (default: ${DEFAULT-VALUE}).")
        String sink;

        @Option(names = "--batch-events", paramLabel = "N", defaultValue = "65536", description = "Events per chunk read from a file (default: ${DEFAULT-VALUE}).")
        int batchEvents;

        @Mixin
        RunOptions run;

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            if (batchEvents < 16) throw new CommandLine.ParameterException(cl, "--batch-events must be at least 16, got " + batchEvents);
            SinkSpec sinkSpec = SinkSpec.parse(sink);
            if (sinkSpec.kind() != SinkSpec.Kind.FILE) {
                throw new CommandLine.ParameterException(cl, "--sink: run multimodal writes files; for a topic use "
                        + "'engram run events --source … --model " + model + " --sink " + sink + "'");
            }
            if (cluster.cluster == null) {
                for (Path p : List.of(vision, audio)) if (!Files.exists(p)) throw new IllegalArgumentException(p + ": no such file or folder");
            }
            EventReservoirFunction function = EventReservoirFunction.zeroShot(dev.engram.snn.zeroshot.ZeroShotModel.load(model));
            var v = Sources.modality("vision", vision.toAbsolutePath(), batchEvents);
            var a = Sources.modality("audio", audio.toAbsolutePath(), batchEvents);
            PrintWriter o = cl.getOut();
            CommittedOutput out = sinkSpec.localFolder() == null ? null : new CommittedOutput(sinkSpec.localFolder());
            JobRunner.LocalRun r = JobLauncher.launch(run, cluster, "engram-multimodal",
                    env -> JobGraphs.multimodal(env, v, a, function, sinkSpec.root()),
                    out == null ? null : Reports.streamsProgress(out, "events"), o);
            if (r == null || out == null) return 0;
            long lines = 0, correct = 0, labelled = 0;
            for (String stream : out.finishedStreams("events")) {
                for (JsonNode l : out.lines("events", stream)) {
                    lines++;
                    if (l.path("label").asInt(-1) >= 0) {
                        labelled++;
                        if (l.path("predicted").asInt(-2) == l.path("label").asInt()) correct++;
                    }
                }
            }
            o.printf(Locale.ROOT, "%d samples in %.1f s; zero-shot prediction = label for %d of %d labelled samples%n", lines, r.seconds(),
                    correct, labelled);
            finish(o, out, r);
            return 0;
        }
    }

    @Command(name = "tta", mixinStandardHelpOptions = true,
            description = "Test-time adaptation (EcoTTA, TENT or none, behind the collapse guard) on digit streams under drifting "
                    + "weather: tta/<stream>.jsonl. synthetic:N renders digits itself (no data set needed); mnist:DIR streams MNIST test digits.")
    static final class Tta implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Io io;

        @Option(names = "--streams", defaultValue = "1", description = "mnist: digit streams (cameras), each with its own corruption seed (default: ${DEFAULT-VALUE}).")
        int streams;

        @Option(names = "--cycles", defaultValue = "1", description = "mnist: passes through the 15 corruptions (default: ${DEFAULT-VALUE}).")
        int cycles;

        @Option(names = "--digits", defaultValue = "0", description = "mnist: use the first N test digits (0 = all) (default: ${DEFAULT-VALUE}).")
        int digits;

        @Option(names = "--batches", defaultValue = "0", description = "synthetic: batches per camera; 0 = until stopped (default: ${DEFAULT-VALUE}).")
        long batches;

        @Option(names = "--digits-per-second", defaultValue = "0",
                description = "synthetic: digits each camera delivers per second; 0 = as fast as the job runs (default: ${DEFAULT-VALUE}).")
        double digitsPerSecond;

        @Mixin
        TtaOptions tta;

        @Mixin
        RunOptions run;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        DashboardOptions dashboard;

        @Mixin
        KafkaCliOptions kafka;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            checkDashboard(cl, cluster, dashboard);
            SourceSpec source = io.sourceSpec();
            SinkSpec sink = io.sinkSpec();
            if (source.kind() != SourceSpec.Kind.MNIST && source.kind() != SourceSpec.Kind.SYNTHETIC) {
                throw new CommandLine.ParameterException(cl, "--source must be synthetic:N or mnist:DIR for the tta job");
            }
            tta.check(cl);
            boolean synthetic = source.kind() == SourceSpec.Kind.SYNTHETIC;
            if (!synthetic && !Files.isDirectory(source.path())) throw new IllegalArgumentException(source.path() + ": no such folder");
            Djl.offline();
            TtaModels.Prepared prepared = tta.prepare(synthetic ? null : source.path(), run.quiet ? null : System.err::println);
            TtaFunction function = tta.function(prepared);
            int severity = tta.severity(synthetic);
            var batches = synthetic
                    ? Sources.syntheticDigits(source.streams(), prepared.faces(), severity, tta.batch, tta.spell, this.batches,
                            digitsPerSecond, tta.seed)
                    : Sources.digits(source, streams, severity, cycles, tta.batch, digits, tta.seed);
            KafkaSettings k = kafka.settings();
            JobOutputs outputs = outputs(sink, k, run, "tta");
            PrintWriter o = cl.getOut();
            CommittedOutput out = sink.localFolder() == null ? null : new CommittedOutput(sink.localFolder());
            JobRunner.LocalRun r;
            try (LiveDashboard dash = LiveDashboard.start(dashboard, o)) {
                JobGraphs.PreviewTarget previews = previews(cluster, sink, dash);
                r = JobLauncher.launch(run, cluster, dash, "engram-tta",
                        env -> JobGraphs.tta(env, JobInput.of(batches, "digit-streams"), function, outputs, previews),
                        out == null ? null : Reports.streamsProgress(out, "tta"), o);
            }
            if (r != null && sink.kind() == SinkSpec.Kind.KAFKA) finishKafka(o, sink, k, r);
            if (r == null || out == null) return 0;
            Reports.ttaTable(o, out);
            finish(o, out, r);
            return 0;
        }
    }
}

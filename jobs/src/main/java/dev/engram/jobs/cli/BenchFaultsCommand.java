package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.WorkFolders;
import dev.engram.jobs.cluster.FaultsBench;
import dev.engram.jobs.kafka.LocalKafka;
import dev.engram.jobs.kafka.RecordingProducer;
import dev.engram.jobs.kafka.ResultFolder;
import dev.engram.jobs.kafka.Topics;
import dev.engram.jobs.kafka.WireConsumer;
import dev.engram.jobs.kafka.WireProducer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench faults --kills K --streams S [--taskmanagers N] [--kafka] --json OUT}: exactly-once
 * under TaskManager kills on a local multi-process cluster, against a failure-free run of the same job;
 * with {@code --kafka}, from a topic to topics through a local broker, read back {@code read_committed}.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Start a local cluster, run the VOS job undisturbed and again while SIGKILLing TaskManagers (each after a new checkpoint), compare every output.")
final class BenchFaultsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern JOB = Pattern.compile("job: ([0-9a-f]{32})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kills", defaultValue = "2", description = "TaskManager kills during the faulty run (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--streams", defaultValue = "2", description = "Synthetic camera streams (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "500", description = "Frames per stream (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--taskmanagers", paramLabel = "N", defaultValue = "2",
            description = "TaskManagers, one slot each; the job runs with this parallelism so every kill hits it (default: ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(names = "--width", defaultValue = "320", description = "Synthetic frame width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "180", description = "Synthetic frame height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "2s", converter = RunOptions.DurationConverter.class,
            description = "Checkpoint interval of both runs (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments and victims (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench-faults",
            description = "Folder of the cluster and both runs' outputs (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20min", converter = RunOptions.DurationConverter.class,
            description = "Longest wait for any one step (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Option(names = "--kafka", description = "Kafka in and out: a local broker, the cameras produced onto a topic, both runs from that topic "
            + "to topics of their own, read back read_committed by an independent consumer for the comparison.")
    boolean kafka;

    private static final String INPUT_TOPIC = "faults-frames";

    /** The synthetic cameras, produced once onto the input topic both runs read. */
    private void produceCameras(KafkaEndpoint endpoint) throws Exception {
        Topics.ensure(endpoint, INPUT_TOPIC);
        try (WireProducer producer = new WireProducer(endpoint)) {
            RecordingProducer p = new RecordingProducer(producer, new RecordingProducer.Options(INPUT_TOPIC, null, 0, WireRecord.Encoding.JPEG,
                    WireRecord.Encoding.PNG), new PrintWriter(System.err, true));
            RecordingProducer.Result r = p.frames(FrameDiscovery.synthetic("cam", streams, 1, width, height, 2, frames, 0), new FrameFormat());
            System.err.println("produced: " + r.records() + " records of " + r.streams() + " cameras onto " + INPUT_TOPIC);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (kills < 0 || streams < 1 || frames < 1 || taskManagers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kills must be >= 0; --streams, --frames, --taskmanagers >= 1");
        }
        Path root = dir.toAbsolutePath();
        LocalKafka broker = kafka ? new LocalKafka(root.resolve("kafka"), null) : null;
        String bootstrap = null;
        if (broker != null) {
            broker.stop();
            WorkFolders.delete(root.resolve("kafka"));
            bootstrap = broker.start(0);
            System.err.println("kafka: " + bootstrap);
            produceCameras(KafkaEndpoint.of(bootstrap));
        }
        String b = bootstrap;
        FaultsBench.Submitter submit = new FaultsBench.Submitter() {
            @Override
            public String submit(String rest, Path sink) {
                List<String> args = new ArrayList<>(List.of("run", "vos"));
                if (b == null) {
                    args.addAll(List.of("--source", "synthetic:" + streams, "--max-frames", Integer.toString(frames), "--width",
                            Integer.toString(width), "--height", Integer.toString(height), "--sink", "file:" + sink));
                } else {
                    String run = sink.getFileName().toString();
                    args.addAll(List.of("--source", "kafka:" + INPUT_TOPIC, "--bounded", "--bootstrap", b, "--group-id", "faults-" + run,
                            "--transactional-id-prefix", "faults-" + run, "--sink", "kafka:faults-" + run));
                }
                // checkpoints of this small state take well under a second; a short timeout keeps the Kafka
                // transaction timeout (at most the broker's 15 min) above checkpoint timeout plus every restart attempt
                args.addAll(List.of("-D", "execution.checkpointing.timeout=60s", "--parallelism", Integer.toString(taskManagers),
                        "--checkpoint-interval", checkpointInterval.toMillis() + "ms",
                        "--restart-attempts", Integer.toString(FaultsBench.restartAttempts(kills, RunOptions.RESTART_DELAY)),
                        "--work-dir", root.resolve("work").toString(), "--quiet", "--cluster", rest));
                StringWriter out = new StringWriter();
                int code = EngramCli.run(new PrintWriter(out, true), args.toArray(String[]::new));
                Matcher m = JOB.matcher(out.toString());
                if (code != 0 || !m.find()) throw new IllegalStateException("submission failed (exit " + code + "): " + out);
                return m.group(1);
            }

            @Override
            public void collect(Path sink) {
                if (b == null) return;
                // an independent read_committed consumer: what downstream systems would see
                ResultFolder folder = new ResultFolder(sink);
                for (String topic : List.of("faults-" + sink.getFileName(), "faults-" + sink.getFileName() + ".dead-letters")) {
                    try (WireConsumer c = new WireConsumer(KafkaEndpoint.of(b), topic)) {
                        c.drain(Duration.ofSeconds(5), null, folder::accept);
                    }
                }
                System.err.println(sink.getFileName() + ": " + folder.describe());
            }
        };
        FaultsBench.Result r;
        try {
            r = new FaultsBench(new FaultsBench.Settings(kills, taskManagers, checkpointInterval, seed, root, timeout), submit, System.err).run();
        } finally {
            if (broker != null) broker.stop();
        }
        ObjectNode n = r.json();
        n.put("streams", streams).put("framesPerStream", frames).put("taskManagers", taskManagers)
                .put("checkpointIntervalMs", checkpointInterval.toMillis()).put("seed", seed).put("transport", kafka ? "kafka" : "files");
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(n));
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), n);
            out.println("json: " + json.toAbsolutePath());
        }
        out.flush();
        if (r.kills() < kills) {
            // the stream ended before every kill landed: the run proves less than was asked
            spec.commandLine().getErr().printf("engram: error: only %d of %d kills landed before the job ended; give it more --frames%n", r.kills(), kills);
            return 1;
        }
        return r.identical() && r.lost() == 0 && r.duplicated() == 0 ? 0 : 1;
    }
}

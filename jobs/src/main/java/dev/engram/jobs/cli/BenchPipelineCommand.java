package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.jobs.WorkFolders;
import dev.engram.jobs.bench.PipelineBench;
import dev.engram.jobs.kafka.LocalKafka;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram bench pipeline [--streams 1,4,8] --json OUT}: frames/s and end-to-end latency, through Kafka and without it. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Frames/s and p50/p99 latency (capture to a result a reader sees) of the VOS job over paced cameras, through Kafka and direct.")
final class BenchPipelineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--streams", defaultValue = "1,4,8", description = "Stream counts to run (default: ${DEFAULT-VALUE}).")
    String streams;

    @Option(names = "--frames", defaultValue = "60", description = "Frames per stream (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "2", description = "Frames per second each camera delivers (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--width", defaultValue = "854", description = "Frame width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "480", description = "Frame height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "2s", converter = RunOptions.DurationConverter.class,
            description = "Checkpoint interval: exactly-once output becomes visible at checkpoints (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench-pipeline", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path root = dir.toAbsolutePath();
        WorkFolders.delete(root);
        Files.createDirectories(root);
        LocalKafka broker = new LocalKafka(root.resolve("kafka"), null);
        ArrayNode runs;
        try {
            String bootstrap = broker.start(0);
            var bench = new PipelineBench(new PipelineBench.Settings(Arrays.stream(streams.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray(),
                    frames, rate, width, height, checkpointInterval, parallelism, root, bootstrap), System.err);
            runs = new ObjectMapper().createArrayNode();
            for (PipelineBench.Run r : bench.run()) {
                runs.addObject().put("streams", r.streams()).put("transport", r.transport()).put("fps", r.fps())
                        .put("latencyP50Ms", r.latencyP50Ms()).put("latencyP99Ms", r.latencyP99Ms()).put("results", r.results());
            }
        } finally {
            broker.stop();
        }
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = m.createObjectNode();
        n.set("runs", runs);
        n.put("framesPerStream", frames).put("ratePerStream", rate).put("width", width).put("height", height)
                .put("checkpointIntervalMs", checkpointInterval.toMillis()).put("parallelism", parallelism)
                .put("cores", Runtime.getRuntime().availableProcessors());
        PrintWriter out = spec.commandLine().getOut();
        out.println(m.writeValueAsString(n));
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            m.writeValue(json.toFile(), n);
            out.println("json: " + json.toAbsolutePath());
        }
        out.flush();
        return 0;
    }
}

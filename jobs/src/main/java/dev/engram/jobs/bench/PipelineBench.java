package dev.engram.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaInputs;
import dev.engram.connectors.source.StreamSource;
import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobInput;
import dev.engram.jobs.JobOutputs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.WorkFolders;
import dev.engram.jobs.kafka.RecordingProducer;
import dev.engram.jobs.kafka.Topics;
import dev.engram.jobs.kafka.WireConsumer;
import dev.engram.jobs.kafka.WireProducer;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.VosOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code engram bench pipeline}: end-to-end frames per second (results over the time from the first
 * frame's capture to the last result becoming visible) and latency (capture time to a result a reader
 * can see) of the VOS job over S paced synthetic cameras, once through Kafka (cameras produced
 * onto a topic, results read back {@code read_committed}) and once without it (the cameras inside
 * the job, results from the exactly-once file sink), in one process, one run after the other. Both
 * commit output at checkpoints, so the checkpoint interval is part of every latency.
 */
public final class PipelineBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(int[] streams, int frames, double rate, int width, int height, Duration checkpointInterval, int parallelism,
            Path dir, String bootstrap) {}

    public record Run(int streams, String transport, double fps, double latencyP50Ms, double latencyP99Ms, long results) {}

    private final Settings s;
    private final PrintStream log;

    public PipelineBench(Settings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
    }

    public List<Run> run() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int n : s.streams()) {
            runs.add(kafka(n));
            log.println(describe(runs.get(runs.size() - 1)));
            runs.add(direct(n));
            log.println(describe(runs.get(runs.size() - 1)));
        }
        return runs;
    }

    static String describe(Run r) {
        return String.format(java.util.Locale.ROOT, "%d streams, %-6s %6.2f frames/s, latency p50 %7.0f ms, p99 %7.0f ms (%d results)",
                r.streams(), r.transport(), r.fps(), r.latencyP50Ms(), r.latencyP99Ms(), r.results());
    }

    private StreamExecutionEnvironment environment(String name) {
        Path work = s.dir().resolve("work-" + name);
        WorkFolders.delete(work);
        return JobRunner.environment(EngineSettings.local(work, s.parallelism()).withCheckpointInterval(s.checkpointInterval()));
    }

    /** Cameras produced onto a topic at their pace while the job runs; results read back read_committed as they become visible. */
    private Run kafka(int streams) throws Exception {
        KafkaEndpoint endpoint = KafkaEndpoint.of(s.bootstrap());
        String in = "pipeline-in-" + streams + "-" + System.nanoTime(), out = "pipeline-out-" + streams + "-" + System.nanoTime();
        Topics.ensure(endpoint, in, out, out + ".dead-letters");
        StreamExecutionEnvironment env = environment("kafka-" + streams);
        JobGraphs.vos(env, JobInput.framesAndMasks(KafkaInputs.frames(endpoint, in, "pipeline-" + in, false), "frames"),
                new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 1000,
                new JobOutputs.Kafka(endpoint, out, out + ".dead-letters", "pipeline-" + out, WireRecord.Encoding.MASK_RLE));
        JobClient job = env.executeAsync("pipeline-kafka-" + streams);
        Thread producer = new Thread(() -> {
            try (WireProducer p = new WireProducer(endpoint)) {
                new RecordingProducer(p, new RecordingProducer.Options(in, null, s.rate(), WireRecord.Encoding.JPEG, WireRecord.Encoding.PNG),
                        new PrintWriter(log, true)).frames(FrameDiscovery.synthetic("cam", streams, 7, s.width(), s.height(), 1, s.frames(), 0),
                        new FrameFormat());
            } catch (Exception e) {
                log.println("engram: producing failed: " + e);
            }
        }, "pipeline-producer");
        producer.start();
        List<Double> latencies = new ArrayList<>();
        long[] span = {Long.MAX_VALUE, 0};
        long expected = (long) streams * s.frames();
        try (WireConsumer c = new WireConsumer(endpoint, out)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (latencies.size() < expected && System.nanoTime() < deadline) {
                c.drain(Duration.ofSeconds(1), Duration.ofSeconds(1), r -> {
                    long now = System.currentTimeMillis();
                    try {
                        WireRecord w = WireFormat.decode(r.value());
                        if (w.kind != WireRecord.Kind.RESULT) return;
                        latencies.add((double) (now - w.captureTimeUs / 1000));
                        span[0] = Math.min(span[0], w.captureTimeUs / 1000);
                        span[1] = Math.max(span[1], now);
                    } catch (Exception e) {
                        throw new IllegalStateException("an unreadable result record: " + e.getMessage(), e);
                    }
                });
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            producer.join(TimeUnit.MINUTES.toMillis(1));
        }
        return run(streams, "kafka", latencies, span);
    }

    /** The cameras inside the job (wall-clock capture times), results seen as the file sink commits them. */
    private Run direct(int streams) throws Exception {
        Path out = s.dir().resolve("direct-" + streams);
        WorkFolders.delete(out);
        StreamExecutionEnvironment env = environment("direct-" + streams);
        SplitDiscovery cameras = new WallClock(FrameDiscovery.synthetic("cam", streams, 7, s.width(), s.height(), 1, s.frames(), s.rate()));
        JobGraphs.vos(env, JobInput.of(StreamSource.builder(LabeledFrame.class).discovery(cameras).format(new FrameFormat()).build(), "frames"),
                new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 1000, JobOutputs.files(EngineSettings.uri(out)));
        JobClient job = env.executeAsync("pipeline-direct-" + streams);
        Map<String, Long> seen = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        long[] span = {Long.MAX_VALUE, 0};
        long expected = (long) streams * s.frames();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (seen.size() < expected && System.nanoTime() < deadline) {
            long now = System.currentTimeMillis();
            for (JsonNode line : committedLines(out.resolve("frames"))) {
                String key = line.path("stream").asText() + "/" + line.path("index").asLong();
                if (seen.putIfAbsent(key, now) == null) {
                    latencies.add((double) (now - line.path("timestampMs").asLong()));
                    span[0] = Math.min(span[0], line.path("timestampMs").asLong());
                    span[1] = Math.max(span[1], now);
                }
            }
            Thread.sleep(20);
        }
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        return run(streams, "direct", latencies, span);
    }

    private static Run run(int streams, String transport, List<Double> latencies, long[] span) {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double seconds = Math.max(1e-3, (span[1] - span[0]) / 1000.0);
        // results over the time from the first frame's capture to the last result becoming visible
        return new Run(streams, transport, sorted.length / seconds, percentile(sorted, 0.5),
                percentile(sorted, 0.99), sorted.length);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** The lines committed so far under {@code frames/}: finished files and the parts of running ones. */
    private static List<JsonNode> committedLines(Path frames) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(frames)) return out;
        try (Stream<Path> files = Files.walk(frames)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".part") || f.toString().endsWith(".jsonl")).toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(p);
                } catch (IOException movedMeanwhile) {
                    continue; // a part assembled into its file between the listing and the read: the file has it
                }
                for (String l : lines) if (!l.isBlank()) out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /** The synthetic cameras with wall-clock capture times (see the synthetic camera cursor's {@code clock} parameter). */
    private record WallClock(SplitDiscovery cameras) implements SplitDiscovery {
        @Override
        public List<StreamSplit> discover(Set<String> known) throws IOException {
            return cameras.discover(known).stream().map(sp -> sp.withParameters(sp.parameters() + ";clock=wall")).toList();
        }

        @Override
        public boolean bounded() {
            return cameras.bounded();
        }
    }

    static int[] parseStreams(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}

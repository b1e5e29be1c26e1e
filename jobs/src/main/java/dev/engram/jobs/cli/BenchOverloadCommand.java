package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.source.camera.CameraOptions;
import dev.engram.connectors.source.camera.OverloadPolicy;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobOutputs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.MaskFiles;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench overload --camera URL --minutes M --json OUT}: the VOS job on a live camera that
 * sends frames faster than the job segments them, for M minutes, sampling this process's heap after
 * a full GC and its resident set size; memory must stay flat however long the overload lasts, since
 * frames wait in a bounded queue and the overload policy drops the surplus (counted).
 */
@Command(name = "overload", mixinStandardHelpOptions = true,
        description = "Run the VOS job on a camera faster than it, sampling heap after GC and RSS, to show memory stays flat under overload.")
final class BenchOverloadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--camera", required = true, paramLabel = "URL", description = "The camera (rtsp://…, http://… MJPEG).")
    String camera;

    @Option(names = "--minutes", defaultValue = "10", description = "How long the overload lasts (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample-seconds", defaultValue = "30", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--on-overload", defaultValue = "drop-oldest", description = "drop-oldest, drop-newest or block (default: ${DEFAULT-VALUE}).")
    String onOverload;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/bench-overload", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the samples as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        OverloadPolicy.of(onOverload);
        Path root = dir.toAbsolutePath();
        WorkFolders.delete(root);
        Path out = root.resolve("out");
        // a first-frame mask in the middle of the picture, whatever its size: the job has something to learn and track
        int[] size = probeSize();
        byte[] ids = new byte[size[0] * size[1]];
        for (int y = size[1] / 3; y < 2 * size[1] / 3; y++) for (int x = size[0] / 3; x < 2 * size[0] / 3; x++) ids[y * size[0] + x] = 1;
        MaskFiles.writePng(new Mask(size[0], size[1], ids), root.resolve("masks/cam/00000.png"));
        StreamExecutionEnvironment env = JobRunner.environment(EngineSettings.local(root.resolve("work"), 1).withCheckpointInterval(Duration.ofSeconds(10)));
        JobGraphs.vos(env, Sources.cameras(List.of(SourceSpec.parse("camera:" + camera + "#cam")), root.resolve("masks"), 0,
                Map.of(CameraOptions.ON_OVERLOAD.key(), onOverload)), new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 100,
                JobOutputs.files(EngineSettings.uri(out)));
        JobClient job = env.executeAsync("bench-overload");
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = m.createObjectNode();
        ArrayNode samples = n.putArray("samples");
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime(), end = start + (long) (minutes * 60e9);
        try {
            while (System.nanoTime() < end) {
                TimeUnit.SECONDS.sleep(sampleSeconds);
                System.gc();
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                long rss = rssBytes();
                JsonHealth h = health(out);
                samples.addObject().put("seconds", (System.nanoTime() - start) / 1e9).put("heapAfterGcBytes", heap.getUsed()).put("rssBytes", rss)
                        .put("framesReceived", h.received).put("framesDropped", h.dropped).put("framesSegmented", framesSegmented(out));
                o.printf(Locale.ROOT, "%6.0f s  heap %7.1f MiB  rss %7.1f MiB  received %d  dropped %d%n", (System.nanoTime() - start) / 1e9,
                        heap.getUsed() / 1048576.0, rss / 1048576.0, h.received, h.dropped);
                o.flush();
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        n.put("camera", camera).put("minutes", minutes).put("onOverload", onOverload);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            m.writeValue(json.toFile(), n);
            o.println("json: " + json.toAbsolutePath());
        }
        return 0;
    }

    private int[] probeSize() throws Exception {
        org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(camera);
        if (camera.startsWith("rtsp")) g.setOption("rtsp_transport", "tcp");
        g.setOption("timeout", "5000000");
        try {
            g.start();
            return new int[] {g.getImageWidth(), g.getImageHeight()};
        } finally {
            g.close();
        }
    }

    private record JsonHealth(long received, long dropped) {}

    private static JsonHealth health(Path out) {
        try {
            var n = new ObjectMapper().readTree(out.resolve("health/cam.json").toFile());
            return new JsonHealth(n.path("framesReceived").asLong(), n.path("framesDropped").asLong());
        } catch (Exception notYet) {
            return new JsonHealth(-1, -1);
        }
    }

    private static long framesSegmented(Path out) {
        try {
            return new CommittedOutput(out).summaries().values().stream().mapToLong(s -> s.path("frames").asLong()).sum();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}

package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.jobs.cluster.ClusterLayout;
import dev.engram.jobs.cluster.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars on a real multi-process cluster, driven through the command line exactly as a
 * user would: {@code engram cluster start}, {@code engram run … --cluster}, {@code engram bench faults}.
 * Runs after {@code package} (failsafe), on {@code target/engram.jar} and {@code target/engram-job.jar}.
 */
class ClusterE2E {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path CLI_JAR = TARGET.resolve("engram.jar");
    private static final Path JOB_JAR = TARGET.resolve("engram-job.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jobJarHoldsEngramButNoFlinkNoLoggingBindingNoNativeLibrary() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JOB_JAR.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
        }
        assertThat(names).contains("dev/engram/jobs/cli/EngramCli.class", "dev/engram/vos/OnlineSegmenter.class",
                "dev/engram/connectors/sink/file/FileOutputSink.class");
        // the Kafka connector is not part of Flink's distribution: it travels in the job jar, as Flink's docs prescribe
        assertThat(names).contains("org/apache/flink/connector/kafka/sink/KafkaSink.class", "org/apache/kafka/clients/producer/KafkaProducer.class");
        assertThat(names).noneMatch(n -> (n.startsWith("org/apache/flink/") && !kafkaConnector(n)) || n.startsWith("org/slf4j/")
                || n.startsWith("org/apache/logging/") || n.startsWith("ch/qos/logback/") || n.equals("simplelogger.properties")
                || n.startsWith("log4j") || n.startsWith("org/bytedeco/") || n.startsWith("ai/djl/") || n.startsWith("ai/onnxruntime/")
                || n.startsWith("com/sun/jna/") || n.endsWith(".so") || n.contains(".so.") || n.endsWith(".dll") || n.endsWith(".dylib"));
        assertThat(Files.size(JOB_JAR)).isLessThan(20L << 20);
        assertThat(TARGET.resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("opencv-"));
        assertThat(TARGET.resolve("flink-lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("flink-runtime-2"));
    }

    /** Classes of flink-connector-kafka (its own packages, and its helpers under Flink's streaming packages). */
    private static boolean kafkaConnector(String name) {
        return name.startsWith("org/apache/flink/connector/kafka/") || name.startsWith("org/apache/flink/streaming/connectors/kafka/")
                || name.equals("org/apache/flink/connector/") || name.equals("org/apache/flink/") || name.equals("org/apache/flink/streaming/")
                || name.equals("org/apache/flink/streaming/connectors/") || name.startsWith("org/apache/flink/streaming/util/serialization/")
                || name.equals("org/apache/flink/streaming/util/");
    }

    @Test
    void twoJobsInARowRunOnTheSameTaskManagers() throws Exception {
        Path dir = TARGET.resolve("e2e-cluster");
        ClusterLayout layout = new ClusterLayout(dir);
        try {
            String start = engram("cluster", "start", "--dir", dir.toString(), "--taskmanagers", "2");
            Matcher m = Pattern.compile("rest: (http://127\\.0\\.0\\.1:\\d+)").matcher(start);
            assertThat(m.find()).as(start).isTrue();
            String rest = m.group(1);
            assertThat(LocalCluster.registered(rest)).containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
            List<Long> pids = List.of(ClusterLayout.pid(layout.taskManagerPid(1)).orElseThrow(),
                    ClusterLayout.pid(layout.taskManagerPid(2)).orElseThrow());

            List<Path> outs = new ArrayList<>();
            for (String name : List.of("first", "second")) {
                Path out = TARGET.resolve("e2e-out").resolve(name);
                WorkFolders.delete(out);
                // relative sink path: --cluster makes it absolute before submission
                String submitted = engram("run", "vos", "--source", "synthetic:2", "--max-frames", "30", "--width", "160", "--height", "90",
                        "--sink", "file:" + Path.of("").toAbsolutePath().relativize(out), "--parallelism", "2", "--cluster", rest);
                Matcher job = Pattern.compile("job: ([0-9a-f]{32})").matcher(submitted);
                assertThat(job.find()).as(submitted).isTrue();
                assertThat(LocalCluster.awaitJobEnd(rest, job.group(1), java.time.Duration.ofMinutes(5))).isEqualTo("FINISHED");
                outs.add(out);
            }
            for (Path out : outs) {
                CommittedOutput committed = new CommittedOutput(out);
                assertThat(committed.summaries()).containsOnlyKeys("cam-0", "cam-1");
                committed.summaries().values().forEach(s -> {
                    assertThat(s.path("frames").asInt()).isEqualTo(30);
                    assertThat(s.path("complete").asBoolean()).isTrue();
                });
                assertThat(committed.deadLetters()).isEmpty();
                for (String cam : List.of("cam-0", "cam-1")) {
                    try (Stream<Path> masks = Files.list(out.resolve("masks").resolve(cam))) {
                        assertThat(masks.count()).isEqualTo(30);
                    }
                }
            }
            assertThat(files(outs.get(0).resolve("masks"))).isEqualTo(files(outs.get(1).resolve("masks")));
            for (long pid : pids) assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            for (int n : List.of(1, 2)) {
                assertThat(Files.readString(layout.logs().resolve("taskmanager-" + n + ".out"))).doesNotContain("another classloader");
            }
        } finally {
            engram("cluster", "stop", "--dir", dir.toString());
        }
        assertThat(layout.taskManagers()).isEmpty();
        assertThat(layout.rest()).isEmpty();
    }

    @Test
    void taskManagerKillsLoseAndDuplicateNothing() throws Exception {
        Path json = TARGET.resolve("e2e-faults.json");
        Files.deleteIfExists(json);
        engram("bench", "faults", "--kills", "2", "--streams", "2", "--frames", "250", "--width", "160", "--height", "90",
                "--dir", TARGET.resolve("e2e-faults").toString(), "--json", json.toString());
        JsonNode r = JSON.readTree(json.toFile());
        assertThat(r.path("kills").asInt()).isEqualTo(2);
        assertThat(r.path("recoveries").asInt()).isEqualTo(2);
        assertThat(r.path("framesExpected").asLong()).isEqualTo(500);
        assertThat(r.path("framesWritten").asLong()).isEqualTo(500);
        assertThat(r.path("lost").asLong()).isZero();
        assertThat(r.path("duplicated").asLong()).isZero();
        assertThat(r.path("identical").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.path("recoverySecondsMax").asDouble()).isPositive();
    }

    @Test
    void taskManagerKillsBetweenKafkaTopicsLoseAndDuplicateNothingForAReadCommittedConsumer() throws Exception {
        Path json = TARGET.resolve("e2e-faults-kafka.json");
        Files.deleteIfExists(json);
        engram("bench", "faults", "--kafka", "--kills", "2", "--streams", "2", "--frames", "250", "--width", "160", "--height", "90",
                "--dir", TARGET.resolve("e2e-faults-kafka").toString(), "--json", json.toString());
        JsonNode r = JSON.readTree(json.toFile());
        assertThat(r.path("transport").asText()).isEqualTo("kafka");
        assertThat(r.path("kills").asInt()).isEqualTo(2);
        assertThat(r.path("recoveries").asInt()).isEqualTo(2);
        assertThat(r.path("framesExpected").asLong()).isEqualTo(500);
        assertThat(r.path("framesWritten").asLong()).isEqualTo(500);
        assertThat(r.path("lost").asLong()).isZero();
        assertThat(r.path("duplicated").asLong()).isZero();
        assertThat(r.path("identical").asBoolean()).as(r.toString()).isTrue();
    }

    /** Runs {@code java -jar engram.jar ARGS}; returns its output, failing with it unless the exit code is 0. */
    private static String engram(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache"), "-jar", CLI_JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        Path log = Files.createTempFile(TARGET, "engram-cli", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("engram " + String.join(" ", args) + " did not end:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError("engram " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + out);
        return out;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Arrays.toString(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}

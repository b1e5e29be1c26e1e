package dev.engram.jobs.kafka;

import dev.engram.jobs.JobJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process) on 127.0.0.1, run
 * from the Kafka jars on Maven Central ({@code kafka-lib/} beside {@code engram.jar}), for a laptop
 * and for tests. Its folder holds {@code server.properties}, the log data, {@code kafka.pid},
 * {@code bootstrap} and {@code kafka.out}; the process outlives the command that starts it.
 *
 * <p>Configured for one node (replication factors 1) and for Engram's records: {@code message.max.bytes}
 * and {@code replica.fetch.max.bytes} are 16 MiB, so raw frames fit (Kafka's default is 1 MiB),
 * topics are created on first use with {@link #PARTITIONS} partitions, and
 * {@code transaction.max.timeout.ms} stays at Kafka's 15 minutes.
 */
public final class LocalKafka {
    public static final int PARTITIONS = 4;
    static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final String classpath;

    /** A broker in {@code dir} run with {@code classpath} (null: kafka-lib/ and engram.jar, found beside the running jar). */
    public LocalKafka(Path dir, String classpath) {
        this.dir = dir.toAbsolutePath().normalize();
        this.classpath = classpath;
    }

    public Path dir() {
        return dir;
    }

    Path pidFile() {
        return dir.resolve("kafka.pid");
    }

    Path bootstrapFile() {
        return dir.resolve("bootstrap");
    }

    public Path log() {
        return dir.resolve("kafka.out");
    }

    /** Formats the storage (first start only), starts the broker and returns {@code 127.0.0.1:PORT} once it answers. */
    public String start(int port) throws IOException, InterruptedException {
        OptionalLong running = pid();
        if (running.isPresent() && alive(running.getAsLong())) {
            throw new IllegalStateException("a broker already runs from " + dir + " (pid " + running.getAsLong() + ", " + bootstrap()
                    + "); stop it with: engram kafka stop --dir " + dir);
        }
        Files.createDirectories(dir);
        int brokerPort = port > 0 ? port : freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, properties(brokerPort, freePort()));
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = process(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()));
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the broker's storage in " + data + " failed; see " + log() + ":\n" + tail(log()));
            }
        }
        Process broker = process(List.of("kafka.Kafka", props.toString()));
        Files.writeString(pidFile(), broker.pid() + "\n");
        String bootstrap = "127.0.0.1:" + brokerPort;
        awaitReady(broker, bootstrap);
        Files.writeString(bootstrapFile(), bootstrap + "\n");
        return bootstrap;
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s); true if one was running. */
    public boolean stop() throws IOException, InterruptedException {
        OptionalLong pid = pid();
        Files.deleteIfExists(bootstrapFile());
        if (pid.isEmpty()) return false;
        Files.deleteIfExists(pidFile());
        var handle = ProcessHandle.of(pid.getAsLong());
        if (handle.isEmpty() || !handle.get().isAlive()) return false;
        handle.get().destroy();
        try {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.get().destroyForcibly();
        }
        return true;
    }

    /** The bootstrap address of a running broker, or null. */
    public String bootstrap() throws IOException {
        return Files.exists(bootstrapFile()) ? Files.readString(bootstrapFile()).trim() : null;
    }

    OptionalLong pid() throws IOException {
        if (!Files.exists(pidFile())) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String properties(int port, int controllerPort) {
        return String.join("\n",
                "# Written by engram kafka start: one KRaft node on 127.0.0.1.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=" + PARTITIONS,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=" + MAX_MESSAGE_BYTES,
                "replica.fetch.max.bytes=" + MAX_MESSAGE_BYTES,
                "log.segment.bytes=67108864",
                "");
    }

    private Process process(List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid"); // Ctrl-C in the terminal must not reach the broker
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(classpath != null ? classpath : defaultClasspath());
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.environment().remove("KAFKA_OPTS");
        return pb.start();
    }

    /** kafka-lib/* beside the running CLI jar and that jar, else those under jobs/target (a build tree). */
    static String defaultClasspath() {
        Path running = JobJar.runningJar();
        boolean beside = running != null && Files.isDirectory(running.resolveSibling("kafka-lib"));
        Path lib = beside ? running.resolveSibling("kafka-lib") : Path.of("jobs", "target", "kafka-lib").toAbsolutePath();
        Path cli = beside ? running : Path.of("jobs", "target", "engram.jar").toAbsolutePath();
        if (!Files.isDirectory(lib) || !Files.isRegularFile(cli)) {
            throw new IllegalStateException("the broker's jars are not at " + lib + " (build them with: mvn -B -DskipTests package)");
        }
        return lib + "/*:" + cli;
    }

    private void awaitReady(Process broker, String bootstrap) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the broker exited during start (code " + broker.exitValue() + "); the end of " + log() + ":\n" + tail(log()));
            }
            if (answers(bootstrap)) return;
            Thread.sleep(250);
        }
        broker.destroyForcibly();
        throw new IllegalStateException("the broker did not answer at " + bootstrap + " within " + START_TIMEOUT.toSeconds() + " s; see " + log());
    }

    /** True when a broker at {@code bootstrap} accepts connections and describes its cluster. */
    public static boolean answers(String bootstrap) {
        String[] hp = bootstrap.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 1000);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 3000, "default.api.timeout.ms", 5000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

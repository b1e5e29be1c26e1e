package dev.engram.jobs.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.jobs.JobJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink session cluster on this machine: one JobManager and N TaskManagers, each its own JVM, run
 * from Flink's jars in {@code flink-lib/} plus the native libraries in {@code lib/} (both beside
 * {@code engram.jar}), without Flink's launch scripts. Everything binds to 127.0.0.1. The processes
 * outlive the command that starts them; their pids are in the cluster folder ({@link ClusterLayout}).
 */
public final class LocalCluster {
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*\\[(.*)]", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TASK_MANAGER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TASK_MANAGER_LOG = Pattern.compile("taskmanager-(\\d+)\\.out");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ClusterLayout layout;

    public LocalCluster(ClusterLayout layout) {
        this.layout = layout;
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** Writes the configuration, starts the JobManager and {@code taskManagers} TaskManagers, returns the REST URL once all registered. */
    public String start(int taskManagers, int slots, int port) throws IOException, InterruptedException {
        if (taskManagers < 1 || slots < 1) throw new IllegalArgumentException("--taskmanagers and --slots must be at least 1");
        OptionalLong running = ClusterLayout.pid(layout.jobManagerPid());
        if (running.isPresent() && alive(running.getAsLong())) {
            throw new IllegalStateException("a cluster already runs from " + layout.dir() + " (JobManager pid " + running.getAsLong()
                    + "); stop it with: engram cluster stop --dir " + layout.dir());
        }
        Files.createDirectories(layout.conf());
        Files.createDirectories(layout.pids());
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.tmp());
        try (var s = Files.list(layout.pids())) {
            for (Path p : s.toList()) Files.delete(p);
        }
        int restPort = port > 0 ? port : freePort();
        Files.writeString(layout.config(), ClusterConfig.yaml(restPort, freePort(), slots, layout.tmp()));
        String rest = "http://127.0.0.1:" + restPort;
        Files.writeString(layout.restFile(), rest + "\n");
        launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                ClusterConfig.JOB_MANAGER_HEAP, List.of(), layout.jobManagerPid());
        for (int n = 1; n <= taskManagers; n++) startTaskManager(n);
        awaitTaskManagers(rest, taskManagers);
        return rest;
    }

    /** Starts one more TaskManager (the next free number) and waits until it registered; returns its number. */
    public int addTaskManager() throws IOException, InterruptedException {
        String rest = layout.rest().orElseThrow(() -> new IllegalStateException("no cluster in " + layout.dir()));
        List<Integer> numbers = layout.taskManagers();
        int n = Math.max(numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1), highestStarted()) + 1;
        startTaskManager(n);
        // by name: a killed TaskManager stays listed until its heartbeat times out, so counting would mislead
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            checkAlive();
            if (registered(rest).contains("taskmanager-" + n)) return n;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("taskmanager-" + n + " did not register within " + START_TIMEOUT.toSeconds()
                        + " s; its log: " + layout.logs().resolve("taskmanager-" + n + ".out"));
            }
            Thread.sleep(250);
        }
    }

    /** The processes of this folder, alive or not, and the TaskManagers the JobManager knows. */
    public String status() throws IOException {
        StringBuilder s = new StringBuilder();
        Optional<String> rest = layout.rest();
        if (rest.isEmpty()) return "no cluster in " + layout.dir() + "\n";
        s.append("rest: ").append(rest.get()).append('\n');
        s.append(line("jobmanager", layout.jobManagerPid()));
        for (int n : layout.taskManagers()) s.append(line("taskmanager-" + n, layout.taskManagerPid(n)));
        try {
            s.append("registered taskmanagers: ").append(registered(rest.get()).size()).append('\n');
        } catch (IOException e) {
            s.append("registered taskmanagers: unknown (REST not answering: ").append(e.getMessage()).append(")\n");
        }
        return s.toString();
    }

    /** SIGTERM to TaskManagers, then the JobManager; after 15 s a forced kill. Returns how many processes were stopped. */
    public int stop() throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        for (int n : layout.taskManagers()) files.add(layout.taskManagerPid(n));
        files.add(layout.jobManagerPid());
        int stopped = 0;
        for (Path f : files) {
            OptionalLong pid = ClusterLayout.pid(f);
            if (pid.isPresent()) {
                Optional<ProcessHandle> h = ProcessHandle.of(pid.getAsLong());
                if (h.isPresent() && h.get().isAlive()) {
                    h.get().destroy();
                    stopped++;
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (Path f : files) {
            OptionalLong pid = ClusterLayout.pid(f);
            if (pid.isEmpty()) continue;
            Optional<ProcessHandle> h = ProcessHandle.of(pid.getAsLong());
            while (h.isPresent() && h.get().isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
            if (h.isPresent() && h.get().isAlive()) h.get().destroyForcibly();
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(layout.restFile());
        return stopped;
    }

    /** SIGKILL of TaskManager {@code n} (fault injection); its pid file is removed. */
    public void killTaskManager(int n) throws IOException, InterruptedException {
        OptionalLong pid = ClusterLayout.pid(layout.taskManagerPid(n));
        if (pid.isEmpty()) throw new IllegalStateException("no taskmanager-" + n + " in " + layout.dir());
        Optional<ProcessHandle> h = ProcessHandle.of(pid.getAsLong());
        if (h.isPresent()) {
            h.get().destroyForcibly();
            h.get().onExit().join();
        }
        Files.deleteIfExists(layout.taskManagerPid(n));
    }

    /** The resource ids of the TaskManagers registered at the JobManager. */
    public static List<String> registered(String rest) throws IOException {
        String body = get(rest + "/taskmanagers");
        List<String> ids = new ArrayList<>();
        Matcher list = TASK_MANAGERS.matcher(body);
        if (!list.find()) return ids;
        Matcher id = TASK_MANAGER_ID.matcher(list.group(1));
        while (id.find()) ids.add(id.group(1));
        return ids;
    }

    /** The state of a job ({@code RUNNING}, {@code FINISHED}, …) as the REST API reports it. */
    public static String jobState(String rest, String job) throws IOException {
        String state = JSON.readTree(get(rest + "/jobs/" + job)).path("state").asText("");
        if (state.isEmpty()) throw new IOException(rest + "/jobs/" + job + " answered without a state");
        return state;
    }

    public static boolean terminal(String state) {
        return state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED");
    }

    /** Waits until the job ended; its final state. */
    public static String awaitJobEnd(String rest, String job, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String state = jobState(rest, job);
            if (terminal(state)) return state;
            Thread.sleep(250);
        }
        throw new IllegalStateException("job " + job + " did not end within " + timeout.toSeconds() + " s");
    }

    /** GET a REST path; the body as text. */
    public static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try {
            if (c.getResponseCode() != 200) throw new IOException(url + " answered HTTP " + c.getResponseCode());
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }

    /** The highest TaskManager number that ever wrote a log here (killed ones lose their pid file, not their log). */
    private int highestStarted() throws IOException {
        int max = 0;
        if (!Files.isDirectory(layout.logs())) return max;
        try (var s = Files.list(layout.logs())) {
            for (Path p : s.toList()) {
                Matcher m = TASK_MANAGER_LOG.matcher(p.getFileName().toString());
                if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    private void startTaskManager(int n) throws IOException {
        launch("taskmanager-" + n, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", ClusterConfig.TASK_MANAGER_HEAP,
                List.of("-Dtaskmanager.resource-id=taskmanager-" + n), layout.taskManagerPid(n));
    }

    private void launch(String name, String mainClass, String heap, List<String> extra, Path pidFile) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid"); // Ctrl-C in the terminal must not reach the cluster
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + heap);
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:MaxDirectMemorySize=" + ClusterConfig.DIRECT_MEMORY);
        cmd.add("-XX:MaxMetaspaceSize=" + ClusterConfig.METASPACE);
        cmd.add("-Dlog.file=" + layout.logs().resolve(name + ".log"));
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + layout.tmp().resolve("javacpp"));
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-DDJL_CACHE_DIR=" + layout.tmp().resolve("djl"));
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(layout.conf().toString());
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve(name + ".out").toFile()));
        Map<String, String> env = pb.environment();
        env.put("FLINK_CONF_DIR", layout.conf().toString());
        Process p = pb.start();
        Files.writeString(pidFile, p.pid() + "\n");
    }

    /** flink-lib/* and lib/* beside the running engram.jar, else under jobs/target (a build tree). */
    static String classpath() {
        Path base = Optional.ofNullable(JobJar.besideRunningJar("flink-lib")).map(Path::getParent)
                .filter(d -> Files.isDirectory(d.resolve("flink-lib"))).orElse(Path.of("jobs", "target").toAbsolutePath());
        Path flinkLib = base.resolve("flink-lib");
        Path lib = base.resolve("lib");
        if (!Files.isDirectory(flinkLib) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the cluster's jars are not at " + flinkLib + " and " + lib
                    + " (build them with: mvn -B -DskipTests package)");
        }
        return flinkLib + "/*:" + lib + "/*";
    }

    private void awaitTaskManagers(String rest, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            checkAlive();
            try {
                if (registered(rest).size() >= expected) return;
            } catch (IOException notYet) {
                // the JobManager's REST endpoint is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster in " + layout.dir() + " did not register " + expected
                        + " TaskManagers within " + START_TIMEOUT.toSeconds() + " s; logs in " + layout.logs());
            }
            Thread.sleep(250);
        }
    }

    private void checkAlive() throws IOException {
        Map<String, Path> pidFiles = new java.util.LinkedHashMap<>(Map.of("jobmanager", layout.jobManagerPid()));
        for (int n : layout.taskManagers()) pidFiles.put("taskmanager-" + n, layout.taskManagerPid(n));
        for (var e : pidFiles.entrySet()) {
            String name = e.getKey();
            OptionalLong pid = ClusterLayout.pid(e.getValue());
            if (pid.isPresent() && !alive(pid.getAsLong())) {
                throw new IllegalStateException(name + " exited during start; the end of " + layout.logs().resolve(name + ".out")
                        + ":\n" + tail(layout.logs().resolve(name + ".out"), 15));
            }
        }
    }

    private static String line(String name, Path pidFile) throws IOException {
        OptionalLong pid = ClusterLayout.pid(pidFile);
        return name + ": " + (pid.isEmpty() ? "no pid" : "pid " + pid.getAsLong() + (alive(pid.getAsLong()) ? " running" : " not running")) + "\n";
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
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

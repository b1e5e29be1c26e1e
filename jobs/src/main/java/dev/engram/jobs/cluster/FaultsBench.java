package dev.engram.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.file.CommitLog;
import dev.engram.jobs.WorkFolders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kill test of {@code engram bench faults}, after Flink's allround end-to-end test: a local
 * cluster runs the VOS job once undisturbed (the reference) and once while TaskManagers are
 * SIGKILLed, each kill after a checkpoint completed since the last restore, each followed by a
 * replacement TaskManager; then every output of the faulty run is compared with the reference.
 */
public final class FaultsBench {
    /** Per-frame fields that measure time, not results: left out of the comparison. */
    private static final List<String> TIMING_FIELDS = List.of("processingMs", "processingCpuMs");
    /** Summary fields that measure speed: left out of the comparison. */
    private static final List<String> SUMMARY_TIMING_FIELDS = List.of("fps", "segmenterFps");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Submits the job with its sink at the folder given, to the cluster at the REST URL given; returns the job id. */
    public interface Submitter {
        String submit(String rest, Path sink) throws Exception;

        /**
         * After a run: brings its output into the folder it was submitted with, where the output went
         * elsewhere (a Kafka topic, read back {@code read_committed}); nothing for a file sink.
         */
        default void collect(Path sink) throws Exception {}
    }

    public record Settings(int kills, int taskManagers, Duration checkpointInterval, long seed, Path dir, Duration timeout) {}

    public record Result(int kills, int recoveries, int restores, long framesExpected, long framesWritten, long lost, long duplicated,
            boolean identical, double recoverySecondsP50, double recoverySecondsMax, double referenceSeconds, double faultySeconds,
            List<String> differences) {
        public ObjectNode json() {
            ObjectNode n = JSON.createObjectNode();
            n.put("kills", kills).put("recoveries", recoveries).put("restores", restores).put("framesExpected", framesExpected).put("framesWritten", framesWritten)
                    .put("lost", lost).put("duplicated", duplicated).put("identical", identical)
                    .put("recoverySecondsP50", recoverySecondsP50).put("recoverySecondsMax", recoverySecondsMax)
                    .put("referenceSeconds", referenceSeconds).put("faultySeconds", faultySeconds);
            differences.stream().limit(20).forEach(n.putArray("differences")::add);
            return n;
        }
    }

    /**
     * Restart attempts a run with {@code kills} kills needs: until the JobManager's heartbeat times
     * out, each attempt (one per {@code restartDelay}) may be scheduled on a dead TaskManager's slot
     * and fail again; plus ten to spare.
     */
    public static int restartAttempts(int kills, Duration restartDelay) {
        long perKill = ClusterConfig.HEARTBEAT_TIMEOUT_MS / Math.max(1, restartDelay.toMillis()) + 5;
        return (int) Math.min(Integer.MAX_VALUE, kills * perKill + 10);
    }

    private final Settings settings;
    private final Submitter submitter;
    private final PrintStream log;

    public FaultsBench(Settings settings, Submitter submitter, PrintStream log) {
        this.settings = settings;
        this.submitter = submitter;
        this.log = log;
    }

    public Result run() throws Exception {
        LocalCluster cluster = new LocalCluster(new ClusterLayout(settings.dir().resolve("cluster")));
        Path reference = settings.dir().resolve("reference");
        Path faulty = settings.dir().resolve("faulty");
        for (Path p : List.of(reference, faulty)) WorkFolders.delete(p);
        String rest = cluster.start(settings.taskManagers(), 1, 0);
        log.println("cluster: " + rest + " (" + settings.taskManagers() + " TaskManagers)");
        try {
            long t0 = System.nanoTime();
            String ref = submitter.submit(rest, reference);
            log.println("reference job: " + ref);
            LocalCluster.awaitJobEnd(rest, ref, settings.timeout());
            double referenceSeconds = (System.nanoTime() - t0) / 1e9;
            submitter.collect(reference);

            long t1 = System.nanoTime();
            String job = submitter.submit(rest, faulty);
            log.println("faulty job: " + job);
            Random random = new Random(settings.seed());
            List<Double> recoveries = new ArrayList<>();
            int kills = 0;
            long completedAtRestore = 0;
            while (kills < settings.kills()) {
                if (!awaitNewCheckpoint(rest, job, completedAtRestore)) break; // the job ended first
                Thread.sleep(random.nextLong(settings.checkpointInterval().toMillis() + 1));
                if (!"RUNNING".equals(LocalCluster.jobState(rest, job))) break;
                // Only a TaskManager that still runs a task of the job: killing one whose tasks all finished
                // fails nothing, so the job would end without a restore and the kill would prove nothing.
                List<Integer> tms = busyTaskManagers(cluster, rest, job);
                if (tms.isEmpty()) continue;
                int victim = tms.get(random.nextInt(tms.size()));
                long restoredBefore = checkpoints(rest, job).path("restored").asLong();
                long killedAt = System.nanoTime();
                cluster.killTaskManager(victim);
                kills++;
                int replacement = cluster.addTaskManager();
                log.printf("kill %d: taskmanager-%d SIGKILLed, taskmanager-%d started%n", kills, victim, replacement);
                completedAtRestore = awaitRecovery(rest, job, restoredBefore);
                if (completedAtRestore < 0) break;
                double seconds = (System.nanoTime() - killedAt) / 1e9;
                recoveries.add(seconds);
                log.printf("  running again after %.1f s%n", seconds);
            }
            String end = LocalCluster.awaitJobEnd(rest, job, settings.timeout());
            double faultySeconds = (System.nanoTime() - t1) / 1e9;
            submitter.collect(faulty);
            int restored = (int) checkpoints(rest, job).path("restored").asLong();
            return compare(reference, faulty, kills, restored, recoveries, referenceSeconds, faultySeconds, end);
        } finally {
            cluster.stop();
        }
    }

    private Result compare(Path reference, Path faulty, int kills, int restored, List<Double> recoveries,
            double referenceSeconds, double faultySeconds, String end) throws IOException {
        List<String> differences = new ArrayList<>();
        if (!"FINISHED".equals(end)) differences.add("faulty job ended " + end);
        Map<String, List<String>> expectedRows = rows(reference);
        Map<String, List<String>> writtenRows = rows(faulty);
        long expected = expectedRows.size(), written = writtenRows.values().stream().mapToLong(List::size).sum();
        long lost = 0, duplicated = 0;
        for (var e : expectedRows.entrySet()) {
            List<String> got = writtenRows.get(e.getKey());
            if (got == null) {
                lost++;
                differences.add("frame " + e.getKey() + " missing");
            } else if (!got.get(0).equals(e.getValue().get(0))) {
                differences.add("frame " + e.getKey() + " differs");
            }
        }
        for (var e : writtenRows.entrySet()) {
            if (e.getValue().size() > 1) duplicated += e.getValue().size() - 1;
            if (!expectedRows.containsKey(e.getKey())) differences.add("frame " + e.getKey() + " not in the reference");
        }
        for (var e : CommitLog.fileCommits(faulty).entrySet()) {
            // a summary is the stream's running total, rewritten at every checkpoint by design: its last content counts, below
            if (e.getValue() > 1 && !e.getKey().startsWith("summaries/")) {
                duplicated += e.getValue() - 1;
                differences.add(e.getKey() + " committed " + e.getValue() + " times");
            }
        }
        Map<String, byte[]> refMasks = files(reference.resolve("masks")), gotMasks = files(faulty.resolve("masks"));
        for (var e : refMasks.entrySet()) {
            byte[] got = gotMasks.get(e.getKey());
            if (got == null) differences.add("mask " + e.getKey() + " missing");
            else if (!Arrays.equals(got, e.getValue())) differences.add("mask " + e.getKey() + " differs");
        }
        for (String name : gotMasks.keySet()) if (!refMasks.containsKey(name)) differences.add("mask " + name + " not in the reference");
        Map<String, byte[]> refSummaries = files(reference.resolve("summaries")), gotSummaries = files(faulty.resolve("summaries"));
        for (var e : refSummaries.entrySet()) {
            byte[] got = gotSummaries.get(e.getKey());
            if (got == null) differences.add("summary " + e.getKey() + " missing");
            else if (!summary(got).equals(summary(e.getValue()))) differences.add("summary " + e.getKey() + " differs");
        }
        if (expected == 0) differences.add("the reference run wrote no frames");
        double[] sorted = recoveries.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p50 = sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        return new Result(kills, recoveries.size(), restored, expected, written, lost, duplicated, differences.isEmpty(), p50, max,
                referenceSeconds, faultySeconds, differences);
    }

    /** Per-frame results of {@code frames/*.jsonl} by "stream/index", timing fields removed, in the order written. */
    private static Map<String, List<String>> rows(Path root) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        Path frames = root.resolve("frames");
        if (!Files.isDirectory(frames)) return out;
        try (Stream<Path> s = Files.list(frames)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(p)) {
                    if (line.isBlank()) continue;
                    ObjectNode n = (ObjectNode) JSON.readTree(line);
                    TIMING_FIELDS.forEach(n::remove);
                    String key = n.path("stream").asText() + "/" + n.path("index").asLong();
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(n.toString());
                }
            }
        }
        return out;
    }

    private static String summary(byte[] json) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        SUMMARY_TIMING_FIELDS.forEach(n::remove);
        return n.toString();
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }

    /** Waits until a checkpoint completed after {@code completedBefore}; false when the job ended first. */
    private boolean awaitNewCheckpoint(String rest, String job, long completedBefore) throws Exception {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            String state = LocalCluster.jobState(rest, job);
            if (LocalCluster.terminal(state)) return false;
            if ("RUNNING".equals(state) && checkpoints(rest, job).path("completed").asLong() > completedBefore) return true;
            Thread.sleep(200);
        }
        throw new IllegalStateException("no checkpoint completed within " + settings.timeout().toSeconds() + " s");
    }

    /**
     * Waits until the job restored a checkpoint after the kill and every task runs again (or it
     * finished after that restore); returns the completed-checkpoint count then, or -1 if it ended
     * otherwise.
     */
    private long awaitRecovery(String rest, String job, long restoredBefore) throws Exception {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode j = JSON.readTree(LocalCluster.get(rest + "/jobs/" + job));
            String state = j.path("state").asText();
            JsonNode counts = checkpoints(rest, job);
            boolean restored = counts.path("restored").asLong() > restoredBefore;
            // a job that restored and then finished between two looks recovered too (its time is then an upper bound)
            if (LocalCluster.terminal(state)) {
                if (!state.equals("FINISHED")) return -1;
                // The REST endpoint serves checkpoint statistics from a cache refreshed every few seconds: a job
                // that restored and finished quickly may not show its restore there yet.
                long until = System.nanoTime() + 10_000_000_000L;
                while (!restored && System.nanoTime() < until) {
                    Thread.sleep(250);
                    counts = checkpoints(rest, job);
                    restored = counts.path("restored").asLong() > restoredBefore;
                }
                return restored ? counts.path("completed").asLong() : -1;
            }
            boolean allRunning = "RUNNING".equals(state);
            for (JsonNode v : j.path("vertices")) {
                String s = v.path("status").asText();
                if (!s.equals("RUNNING") && !s.equals("FINISHED")) allRunning = false;
            }
            if (allRunning && restored) return counts.path("completed").asLong();
            Thread.sleep(100);
        }
        throw new IllegalStateException("the job did not recover within " + settings.timeout().toSeconds() + " s of a kill");
    }

    /** The local cluster's TaskManagers (by number) that run at least one subtask of {@code job} now. */
    private static List<Integer> busyTaskManagers(LocalCluster cluster, String rest, String job) throws IOException {
        java.util.Set<String> busy = new java.util.HashSet<>();
        for (JsonNode v : JSON.readTree(LocalCluster.get(rest + "/jobs/" + job)).path("vertices")) {
            for (JsonNode t : JSON.readTree(LocalCluster.get(rest + "/jobs/" + job + "/vertices/" + v.path("id").asText())).path("subtasks")) {
                if ("RUNNING".equals(t.path("status").asText())) busy.add(t.path("taskmanager-id").asText());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int n : cluster.layout().taskManagers()) if (busy.contains("taskmanager-" + n)) out.add(n);
        return out;
    }

    private static JsonNode checkpoints(String rest, String job) throws IOException {
        return JSON.readTree(LocalCluster.get(rest + "/jobs/" + job + "/checkpoints")).path("counts");
    }
}

package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.file.CommitLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop-with-savepoint, then resume with parallelism 1 → 2 → 1, into the same output folder: the
 * committed output equals an uninterrupted run's, for the VOS, event and TTA jobs (paced synthetic
 * cameras, two streams, so each stop lands mid-stream; TTA: TENT on rendered digits, its adaptation
 * state moving between subtasks with the key groups).
 */
class RescaleITCase {
    private static final List<String> TIMING = List.of("processingMs", "processingCpuMs");

    @TempDir
    Path tmp;

    @Test
    void vosRescaledOneTwoOneMatchesAnUninterruptedRun() throws Exception {
        check("frames", (env, out) -> JobGraphs.vos(env,
                Sources.frames(SourceSpec.parse("synthetic:2"), null, 60, null, new Sources.Synthetic(64, 48, 1, 15, 7)),
                new dev.engram.operators.SegmentationFunction(dev.engram.vos.VosOptions.defaults()), new dev.engram.operators.FrameScoring(),
                1000, EngineSettings.uri(out)), List.of("cam-0", "cam-1"));
    }

    @Test
    void eventsRescaledOneTwoOneMatchesAnUninterruptedRun() throws Exception {
        check("events", (env, out) -> JobGraphs.events(env,
                Sources.events(SourceSpec.parse("synthetic:2"), null, 4096, 60, new Sources.Synthetic(64, 48, 1, 15, 7)),
                SavepointFixturesITCase.reservoir(), EngineSettings.uri(out)), List.of("events-0", "events-1"));
    }

    @Test
    void ttaRescaledOneTwoOneMatchesAnUninterruptedRun() throws Exception {
        check("tta", (env, out) -> SavepointFixturesITCase.ttaGraph(env, out, 2), List.of("digits-0", "digits-1"));
    }

    private void check(String kind, SavepointFixturesITCase.Graph graph, List<String> streams) throws Exception {
        Path reference = tmp.resolve("reference"), rescaled = tmp.resolve("rescaled");
        StreamExecutionEnvironment env = JobRunner.environment(LocalJobs.settings(tmp.resolve("work-ref")).withParallelism(1));
        graph.build(env, reference);
        env.execute("reference");

        String savepoint = null;
        int[] parallelism = {1, 2, 1};
        long total = partLines(reference, kind);
        long[] stopAfter = {total / 4, 2 * total / 3, Long.MAX_VALUE}; // committed lines over both streams
        for (int run = 0; run < parallelism.length; run++) {
            EngineSettings s = LocalJobs.settings(tmp.resolve("work-" + run)).withParallelism(parallelism[run]);
            if (savepoint != null) s = s.withFromSavepoint(savepoint);
            env = JobRunner.environment(s);
            graph.build(env, rescaled);
            JobClient job = env.executeAsync("rescale-" + run);
            if (stopAfter[run] == Long.MAX_VALUE) {
                job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
                break;
            }
            CommittedOutput committed = new CommittedOutput(rescaled);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partLines(rescaled, kind) < stopAfter[run] && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState()).as("run " + run + " still running when stopped").isFalse();
            savepoint = job.stopWithSavepoint(false, EngineSettings.uri(tmp.resolve("savepoints")), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            assertThat(committed.finishedStreams(kind)).as("run " + run + " stopped mid-stream").hasSizeLessThan(streams.size());
        }

        CommittedOutput ref = new CommittedOutput(reference), got = new CommittedOutput(rescaled);
        assertThat(got.deadLetters()).isEmpty();
        assertThat(got.finishedStreams(kind)).containsExactlyInAnyOrderElementsOf(streams);
        for (String stream : streams) {
            assertThat(rows(got.lines(kind, stream))).as(stream).isEqualTo(rows(ref.lines(kind, stream)));
            assertThat(rows(ref.lines(kind, stream))).hasSizeGreaterThan(5);
        }
        if (kind.equals("frames")) assertThat(files(rescaled.resolve("masks"))).isEqualTo(files(reference.resolve("masks")));
        assertThat(CommitLog.fileCommits(rescaled).entrySet()).noneMatch(e -> e.getValue() > 1 && !e.getKey().startsWith("summaries/"));
    }

    /** Lines committed so far: parts of unfinished JSON-lines files and finished files. */
    private static long partLines(Path root, String kind) throws Exception {
        Path dir = root.resolve(kind);
        if (!Files.isDirectory(dir)) return 0;
        long n = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".part") || name.endsWith(".jsonl")) n += Files.readAllLines(p).size();
            }
        }
        return n;
    }

    private static List<String> rows(List<JsonNode> lines) {
        return lines.stream().map(l -> {
            ObjectNode n = ((ObjectNode) l).deepCopy();
            TIMING.forEach(n::remove);
            return n.toString();
        }).toList();
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
        }
        return out;
    }
}

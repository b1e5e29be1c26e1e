package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.testdata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder (an unbounded source) receiving event recordings while the job runs, one of them
 * corrupt: the corrupt one becomes a committed dead letter with its reason and bytes, every good
 * one's results are committed, and the job keeps running.
 */
class WatchFolderITCase {
    @TempDir
    Path tmp;

    @Test
    void aCorruptFileInAWatchedFolderIsADeadLetterAndEveryGoodFileIsComplete() throws Exception {
        Path digits = SharedData.events("nmnist/Test/0");
        List<Path> good;
        try (Stream<Path> s = Files.list(digits)) {
            good = s.filter(p -> p.toString().endsWith(".bin")).sorted().limit(5).toList();
        }
        Path watch = Files.createDirectories(tmp.resolve("watch"));
        Path incoming = Files.createDirectories(tmp.resolve("incoming"));
        Path out = tmp.resolve("out");
        for (Path f : good.subList(0, 2)) Files.copy(f, watch.resolve(f.getFileName()));

        var source = Sources.events(SourceSpec.parse("watch:" + watch), "auto", 4096, 0, null);
        EventReservoirFunction function = EventReservoirFunction.samples(LsmOptions.defaults().with(LsmOptions.NEURONS, 64));
        StreamExecutionEnvironment env = JobRunner.environment(LocalJobs.settings(tmp.resolve("work")));
        JobGraphs.events(env, source, function, EngineSettings.uri(out));
        JobClient job = env.executeAsync("watch-test");
        try {
            CommittedOutput committed = new CommittedOutput(out);
            await(() -> committed.finishedStreams("events").size() >= 2);
            // files arrive while the job runs, each moved in whole as a producer would
            byte[] corrupt = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
            Files.write(incoming.resolve("99999.bin"), corrupt);
            Files.move(incoming.resolve("99999.bin"), watch.resolve("99999.bin"), StandardCopyOption.ATOMIC_MOVE);
            for (Path f : good.subList(2, 5)) {
                Files.copy(f, incoming.resolve(f.getFileName()));
                Files.move(incoming.resolve(f.getFileName()), watch.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            // six streams: the five good files and the corrupt one, whose two whole events before byte 10 are kept
            await(() -> committed.finishedStreams("events").size() >= 6 && !committed.deadLetters().isEmpty());
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState()).isFalse();

            List<String> streams = committed.finishedStreams("events");
            List<String> expected = new ArrayList<>();
            for (Path f : good) expected.add(f.getFileName().toString().replace(".bin", ""));
            assertThat(streams).hasSize(6).anyMatch(s -> s.contains("99999"));
            for (String s : streams) {
                if (s.contains("99999")) continue;
                assertThat(expected).anyMatch(s::contains);
                List<JsonNode> lines = committed.lines("events", s);
                assertThat(lines).as(s).hasSize(1);
                assertThat(lines.get(0).path("events").asLong()).isPositive();
                assertThat(lines.get(0).path("spikes").asLong()).isPositive();
            }
            List<JsonNode> letters = committed.deadLetters();
            assertThat(letters).hasSize(1);
            JsonNode letter = letters.get(0);
            assertThat(letter.path("origin").asText()).contains("99999.bin");
            assertThat(letter.path("reason").asText()).isNotBlank();
            assertThat(letter.path("byteOffset").asLong()).isEqualTo(10);
            Path bytes = committed.deadLetterBytes(letter);
            assertThat(bytes).isNotNull().exists();
            byte[] kept = Files.readAllBytes(bytes);
            assertThat(kept.length).isPositive();
            assertThat(streams.stream().filter(s -> !s.contains("99999"))).hasSize(5);
            assertThat(kept).as("the original bytes from the failing offset on").isEqualTo(java.util.Arrays.copyOfRange(corrupt, 10, corrupt.length));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.holds()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 120 s");
            Thread.sleep(200);
        }
    }
}

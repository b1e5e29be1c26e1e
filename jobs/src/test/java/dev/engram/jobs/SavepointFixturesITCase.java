package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.connectors.source.StreamSource;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.StreamEncoding;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.DavisMetrics;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints written by released builds, committed under {@code src/test/resources/savepoints/}
 * and restored by this build (the pattern of Flink's {@code StatefulJobSnapshotMigrationITCase}).
 * A fixture is named for the state versions it holds; when a state format changes, the old fixture
 * stays (it must keep restoring, or the serializer must refuse it by name) and a new one is added by
 * running this class with {@code -Dengram.fixtures.generate=true}.
 *
 * <p>Each fixture is a job stopped with a savepoint mid-stream. Restored, the job must go on from
 * where it stopped: every remaining frame or window exactly once, none before, no dead letter, and
 * for VOS masks that still follow the synthetic truth (a learner lost in the restore has no first
 * mask and would dead-letter every frame).
 */
class SavepointFixturesITCase {
    static final Path FIXTURES = Path.of("src/test/resources/savepoints");
    static final boolean GENERATE = Boolean.getBoolean("engram.fixtures.generate");
    static final int W = 64, H = 48, FRAMES = 60;
    static final double FPS = 15;

    @TempDir
    Path tmp;

    static String vosFixture() {
        return "vos-segmenter-v" + OnlineSegmenter.STATE_VERSION;
    }

    static String eventsFixture() {
        return "events-encoding-v" + StreamEncoding.VERSION;
    }

    static StreamSource<LabeledFrame> camera() {
        return Sources.frames(SourceSpec.parse("synthetic:1"), null, FRAMES, null, new Sources.Synthetic(W, H, 1, FPS, 7));
    }

    static StreamSource<EventChunk> eventCamera() {
        return Sources.events(SourceSpec.parse("synthetic:1"), null, 4096, FRAMES, new Sources.Synthetic(W, H, 1, FPS, 7));
    }

    static EventReservoirFunction reservoir() {
        return EventReservoirFunction.windows(LsmOptions.defaults().with(LsmOptions.NEURONS, 64).with(LsmOptions.SEED, 3L), 100_000);
    }

    static void vosGraph(StreamExecutionEnvironment env, Path out) {
        JobGraphs.vos(env, camera(), new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 1000, EngineSettings.uri(out));
    }

    static void eventsGraph(StreamExecutionEnvironment env, Path out) {
        JobGraphs.events(env, eventCamera(), reservoir(), EngineSettings.uri(out));
    }

    interface Graph {
        void build(StreamExecutionEnvironment env, Path out);
    }

    @Test
    void generate() throws Exception {
        assumeFalse(!GENERATE, "fixtures are written only with -Dengram.fixtures.generate=true");
        // Only missing fixtures are written: a committed fixture is never overwritten.
        if (!Files.exists(FIXTURES.resolve(vosFixture()))) write(vosFixture(), SavepointFixturesITCase::vosGraph, "frames");
        if (!Files.exists(FIXTURES.resolve(eventsFixture()))) write(eventsFixture(), SavepointFixturesITCase::eventsGraph, "events");
    }

    /** Runs the paced job until a third of its stream is committed, then stops it with a savepoint copied into the fixtures. */
    private void write(String name, Graph graph, String kind) throws Exception {
        Path out = tmp.resolve(name + "-out"), savepoints = tmp.resolve(name + "-savepoints");
        StreamExecutionEnvironment env = JobRunner.environment(LocalJobs.settings(tmp.resolve(name + "-work")));
        graph.build(env, out);
        JobClient client = env.executeAsync(name);
        CommittedOutput committed = new CommittedOutput(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committedLines(committed, kind) < 3 && System.nanoTime() < deadline) Thread.sleep(100);
        String path = client.stopWithSavepoint(false, EngineSettings.uri(savepoints), SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        Path target = FIXTURES.resolve(name);
        if (Files.exists(target)) throw new IllegalStateException(target + " exists: a fixture is never overwritten");
        copyTree(Path.of(java.net.URI.create(path)), target);
    }

    private static long committedLines(CommittedOutput committed, String kind) {
        try {
            String stream = kind.equals("frames") ? "cam-0" : "events-0";
            return committed.lines(kind, stream).size();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    @Test
    void everyVosFixtureRestoresAndTheLearnerGoesOnFromWhereItStopped() throws Exception {
        List<Path> fixtures = fixtures("vos-");
        assertThat(fixtures).as("the current segmenter state version has a fixture").extracting(p -> p.getFileName().toString()).contains(vosFixture());
        SyntheticCamera truth = new SyntheticCamera(7, W, H, 1);
        for (Path fixture : fixtures) {
            CommittedOutput result = restore(fixture, SavepointFixturesITCase::vosGraph);
            assertThat(result.deadLetters()).as(fixture + ": dead letters").isEmpty();
            List<Long> indices = result.lines("frames", "cam-0").stream().map(l -> l.path("index").asLong()).toList();
            assertResumedMidStream(fixture, indices);
            double j = 0;
            for (long i : indices) {
                Mask predicted = MaskFiles.read(result.root().resolve(OutputLayout.mask("cam-0", i)), W, H);
                j += DavisMetrics.jaccard(truth.groundTruth((int) i).binary(1), predicted.binary(1), W, H);
            }
            assertThat(j / indices.size()).as(fixture + ": mean J of the restored learner").isGreaterThan(0.5);
        }
    }

    @Test
    void everyEventsFixtureRestoresAndTheWindowsGoOnFromWhereTheyStopped() throws Exception {
        List<Path> fixtures = fixtures("events-");
        assertThat(fixtures).as("the current stream-encoding version has a fixture").extracting(p -> p.getFileName().toString()).contains(eventsFixture());
        for (Path fixture : fixtures) {
            CommittedOutput result = restore(fixture, SavepointFixturesITCase::eventsGraph);
            assertThat(result.deadLetters()).as(fixture + ": dead letters").isEmpty();
            List<JsonNode> lines = result.lines("events", "events-0");
            assertResumedMidStream(fixture, lines.stream().map(l -> l.path("index").asLong()).toList());
            for (int k = 1; k < lines.size(); k++) {
                assertThat(lines.get(k).path("tStartUs").asLong()).as(fixture + ": windows are contiguous")
                        .isEqualTo(lines.get(k - 1).path("tEndUs").asLong());
            }
            assertThat(lines).as(fixture + ": the restored reservoir fires").anySatisfy(l -> assertThat(l.path("spikes").asLong()).isPositive());
        }
    }

    private static void assertResumedMidStream(Path fixture, List<Long> indices) {
        assertThat(indices).as(fixture + ": something after the savepoint").isNotEmpty();
        long first = indices.get(0);
        assertThat(first).as(fixture + ": nothing before the savepoint is emitted again").isPositive();
        for (int k = 0; k < indices.size(); k++) {
            assertThat(indices.get(k)).as(fixture + ": every index after the savepoint once, in order").isEqualTo(first + k);
        }
    }

    private CommittedOutput restore(Path fixture, Graph graph) throws Exception {
        Path out = tmp.resolve(fixture.getFileName() + "-restored");
        EngineSettings settings = LocalJobs.settings(tmp.resolve(fixture.getFileName() + "-work"))
                .withFromSavepoint(fixture.toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = JobRunner.environment(settings);
        graph.build(env, out);
        env.execute("restore-" + fixture.getFileName());
        return new CommittedOutput(out);
    }

    private static List<Path> fixtures(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}

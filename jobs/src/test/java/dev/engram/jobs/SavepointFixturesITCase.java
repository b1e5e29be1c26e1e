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
import dev.engram.operators.tta.DigitBatch;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.data.DigitRenderer;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.DavisMetrics;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
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
 * mask and would dead-letter every frame). The TTA fixture runs rendered digits drawn with the built-in
 * stroke glyphs (the same on every machine, whatever its fonts) through TENT; it holds the hash of the
 * source model it adapted, and where this machine trains the same model (same seed, same glyphs) the
 * restored stream must equal an uninterrupted run's, batch for batch.
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

    static String ttaFixture() {
        return "tta-adapter-v" + AdapterState.VERSION;
    }

    /** Where a TTA fixture records the hash of the source model its adaptation state belongs to. */
    static final String MODEL_HASH = "engram-source-model.sha256";
    static final int TTA_BATCH = 16, TTA_BATCHES = 16;
    private static TtaModels.Prepared strokeModel;

    /** The source model for digits in the built-in stroke glyphs, trained once per JVM (cached under target/tta-cache). */
    static synchronized TtaModels.Prepared strokeModel() {
        if (strokeModel == null) {
            if (System.getProperty("DJL_CACHE_DIR") == null) System.setProperty("DJL_CACHE_DIR", "target/djl-cache");
            System.setProperty("ai.djl.offline", "true");
            try {
                strokeModel = TtaModels.prepareRendered(DigitRenderer.strokeGlyphs(), Path.of("target", "tta-cache"), 42, false, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return strokeModel;
    }

    /** {@code streams} digit cameras of {@link #TTA_BATCHES} batches, 32 digits/s each (two batches a second), weather changing every 2 batches. */
    static StreamSource<DigitBatch> digitCameras(int streams) {
        return Sources.syntheticDigits(streams, strokeModel().faces(), 3, TTA_BATCH, 2 * TTA_BATCH, TTA_BATCHES, 32, 7);
    }

    static void ttaGraph(StreamExecutionEnvironment env, Path out, int streams) {
        JobGraphs.tta(env, digitCameras(streams), TtaModels.function(strokeModel(), Method.TENT, Double.NaN, CollapseGuard.Config.defaults()),
                EngineSettings.uri(out));
    }

    static void ttaGraph(StreamExecutionEnvironment env, Path out) {
        ttaGraph(env, out, 1);
    }

    static String modelHash() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(strokeModel().model()));
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
        if (!Files.exists(FIXTURES.resolve(ttaFixture()))) {
            write(ttaFixture(), SavepointFixturesITCase::ttaGraph, "tta");
            Files.writeString(FIXTURES.resolve(ttaFixture()).resolve(MODEL_HASH), modelHash() + "\n");
        }
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
            String stream = switch (kind) {
                case "frames" -> "cam-0";
                case "events" -> "events-0";
                default -> "digits-0";
            };
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

    @Test
    void everyTtaFixtureRestoresAndAdaptationGoesOnFromWhereItStopped() throws Exception {
        List<Path> fixtures = fixtures("tta-");
        assertThat(fixtures).as("the current adapter state version has a fixture").extracting(p -> p.getFileName().toString()).contains(ttaFixture());
        Path reference = tmp.resolve("tta-reference");
        StreamExecutionEnvironment env = JobRunner.environment(LocalJobs.settings(tmp.resolve("tta-reference-work")));
        ttaGraph(env, reference);
        env.execute("tta-reference");
        List<JsonNode> uninterrupted = new CommittedOutput(reference).lines("tta", "digits-0");
        assertThat(uninterrupted).hasSize(TTA_BATCHES);
        for (Path fixture : fixtures) {
            CommittedOutput result = restore(fixture, SavepointFixturesITCase::ttaGraph);
            assertThat(result.deadLetters()).as(fixture + ": dead letters").isEmpty();
            List<JsonNode> lines = result.lines("tta", "digits-0");
            List<Long> indices = lines.stream().map(l -> l.path("index").asLong()).toList();
            assertResumedMidStream(fixture, indices);
            assertThat(indices.get(indices.size() - 1)).as(fixture + ": the stream ran to its end").isEqualTo(TTA_BATCHES - 1);
            assertThat(lines).as(fixture + ": every digit labelled and scored")
                    .allSatisfy(l -> assertThat(l.path("labelled").asInt()).isEqualTo(TTA_BATCH));
            Path hash = fixture.resolve(MODEL_HASH);
            if (Files.exists(hash) && Files.readString(hash).trim().equals(modelHash())) {
                // The same source model here: the restored adaptation state must carry on exactly as if never stopped.
                for (JsonNode l : lines) {
                    assertThat(l.toString()).as(fixture + ": batch " + l.path("index")).isEqualTo(uninterrupted.get(l.path("index").asInt()).toString());
                }
            }
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

package dev.engram.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.sink.ResultOutputs;
import dev.engram.connectors.sink.file.CommitLog;
import dev.engram.connectors.sink.file.FileOutputSink;
import dev.engram.connectors.sink.file.OutputFile;
import dev.engram.connectors.source.StreamSource;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.VosOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's contract end to end on a MiniCluster: a FLIP-27 stream source (synthetic cameras,
 * positions in checkpoints) through the segmentation operator into the two-phase-commit file sink.
 * A job that fails mid-stream and restores from its checkpoint commits every mask exactly once and
 * writes the same masks and per-frame results as a job that never fails.
 */
class ExactlyOnceFileITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestCluster.create();

    private static final int STREAMS = 3;
    private static final int FRAMES = 40;

    @TempDir
    Path tmp;

    private static void run(Path out, boolean injectFailure) throws Exception {
        StreamExecutionEnvironment env = TestCluster.restartingEnvironment();
        StreamSource<LabeledFrame> source = StreamSource.builder(LabeledFrame.class)
                .discovery(FrameDiscovery.synthetic("cam", STREAMS, 11, 64, 48, 2, FRAMES, 150))
                .format(new FrameFormat()).maxOpenStreams(2).build();
        DataStream<InputRecord<LabeledFrame>> frames = env.fromSource(source, WatermarkStrategy.noWatermarks(), "frames")
                .uid("frames");
        DataStream<SegmentedFrame> masks = frames.keyBy(InputRecord::streamId)
                .process(new SegmentationFunction(VosOptions.defaults().with(VosOptions.SEED, 5L))).uid("segment");
        if (injectFailure) masks = masks.map(new FailOnceMapper<>(FRAMES / 2)).returns(SegmentedFrame.class).uid("fail-once");
        masks.flatMap(new ResultOutputs.Frames()).returns(OutputFile.class).uid("outputs")
                .sinkTo(FileOutputSink.to(out.toString())).uid("sink");
        env.execute(injectFailure ? "fail-once" : "uninterrupted");
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith("_")) continue;
                byte[] content = Files.readAllBytes(p);
                if (rel.endsWith(".jsonl")) content = withoutTiming(content);
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            }
        }
        return out;
    }

    /** The per-frame lines without their timing fields, which differ from run to run. */
    private static byte[] withoutTiming(byte[] jsonl) {
        String text = new String(jsonl, StandardCharsets.UTF_8).replaceAll(",\"processing(Cpu)?Ms\":[0-9.E-]+", "");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failingOnceAndRestoringCommitsEveryMaskOnceAndTheSameOutputAsAnUninterruptedRun() throws Exception {
        FailOnceMapper.FAILURES.set(0);
        run(tmp.resolve("clean"), false);
        run(tmp.resolve("restored"), true);

        assertThat(FailOnceMapper.FAILURES.get()).isEqualTo(1);
        Map<String, String> clean = hashes(tmp.resolve("clean"));
        assertThat(clean.keySet().stream().filter(k -> k.endsWith(".png"))).hasSize(STREAMS * FRAMES);
        assertThat(clean.keySet().stream().filter(k -> k.startsWith("frames/"))).hasSize(STREAMS);
        assertThat(hashes(tmp.resolve("restored"))).isEqualTo(clean);

        Map<String, Integer> commits = CommitLog.fileCommits(tmp.resolve("restored"));
        assertThat(commits).hasSize(STREAMS * FRAMES);
        assertThat(commits.values()).allMatch(n -> n == 1);
        List<String> lines = Files.readAllLines(tmp.resolve("restored/frames/cam-1.jsonl"));
        assertThat(lines).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) assertThat(lines.get(i)).contains("\"index\":" + i + ",");
    }
}

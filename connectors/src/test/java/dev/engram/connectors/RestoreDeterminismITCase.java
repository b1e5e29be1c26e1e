package dev.engram.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.sink.MaskPngSink;
import dev.engram.connectors.source.SyntheticCameraSource;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.VosOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A job that fails once mid-stream and restores from a checkpoint writes the same masks as one that never fails. */
class RestoreDeterminismITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestCluster.create();

    private static final int STREAMS = 2;
    private static final int FRAMES = 60;

    @TempDir
    Path tmp;

    private static void run(Path out, boolean injectFailure) throws Exception {
        StreamExecutionEnvironment env = TestCluster.restartingEnvironment();
        SyntheticCameraSource cameras = new SyntheticCameraSource("cam", STREAMS, 11, 96, 64, 2);
        // Rate-limited so several checkpoints complete before the input ends.
        DataStream<LabeledFrame> frames = env.fromSource(new DataGeneratorSource<>(cameras, (long) STREAMS * FRAMES,
                        RateLimiterStrategy.perSecond(100), TypeInformation.of(LabeledFrame.class)),
                WatermarkStrategy.noWatermarks(), "cameras").setParallelism(1);
        DataStream<SegmentedFrame> masks = frames.keyBy(LabeledFrame::streamId)
                .process(new SegmentationFunction(VosOptions.defaults().with(VosOptions.SEED, 5L)));
        if (injectFailure) masks = masks.map(new FailOnceMapper<>(FRAMES / 3)).returns(SegmentedFrame.class);
        masks.sinkTo(new MaskPngSink(out));
        env.execute(injectFailure ? "fail-once" : "uninterrupted");
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }

    @Test
    void failingOnceAndRestoringWritesTheSameMasksAsAnUninterruptedRun() throws Exception {
        FailOnceMapper.FAILURES.set(0);
        run(tmp.resolve("clean"), false);
        run(tmp.resolve("restored"), true);

        assertThat(FailOnceMapper.FAILURES.get()).isEqualTo(1);
        Map<String, String> clean = hashes(tmp.resolve("clean"));
        assertThat(clean).hasSize(STREAMS * FRAMES);
        assertThat(hashes(tmp.resolve("restored"))).isEqualTo(clean);
    }
}

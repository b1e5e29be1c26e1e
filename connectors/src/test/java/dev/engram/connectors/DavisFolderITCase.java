package dev.engram.connectors;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.sink.MaskPngSink;
import dev.engram.connectors.source.DavisFolderSource;
import dev.engram.connectors.source.FrameDecoder;
import dev.engram.connectors.source.FrameRef;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.StreamSummaryFunction;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.eval.SequenceScore;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.io.MaskFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DavisFolderITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestCluster.create();

    @TempDir
    Path tmp;

    /** Source → decode → segment → PNG sink; returns the collected summaries and dead letters. */
    private static Result run(List<FrameRef> refs, Path out) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SingleOutputStreamOperator<LabeledFrame> decoded = DavisFolderSource.stream(env, refs)
                .keyBy(r -> r.streamId).process(new FrameDecoder()).name("decode");
        SingleOutputStreamOperator<SegmentedFrame> segmented = DataStreamUtils
                .reinterpretAsKeyedStream(decoded, LabeledFrame::streamId)
                .process(new SegmentationFunction(VosOptions.defaults())).name("segment");
        segmented.sinkTo(new MaskPngSink(out)).name("masks");
        DataStream<StreamSummary> summaries = segmented.keyBy(f -> f.streamId).process(new StreamSummaryFunction(1000));
        DataStream<Object> both = summaries.map(s -> (Object) s).returns(Object.class)
                .union(decoded.getSideOutput(DeadLetters.TAG).union(segmented.getSideOutput(DeadLetters.TAG))
                        .map(d -> (Object) d).returns(Object.class));
        Result result = new Result();
        try (CloseableIterator<Object> it = both.executeAndCollect("davis-folder-test")) {
            it.forEachRemaining(o -> {
                if (o instanceof StreamSummary s) result.summaries.add(s);
                else result.deadLetters.add((DeadLetter) o);
            });
        }
        return result;
    }

    static final class Result {
        final List<StreamSummary> summaries = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
    }

    private static Path sequence(String name) {
        return SharedData.sequence(name);
    }

    @Test
    void writesOneIdPngPerFrameThatScoresLikeTheOperatorSummary() throws Exception {
        Path seq = sequence("blackswan");
        Path out = tmp.resolve("masks");
        Result result = run(DavisFolderSource.references(seq, 0), out);

        DavisSequence s = DavisFolder.discover(seq).get(0);
        assertThat(result.deadLetters).isEmpty();
        try (Stream<Path> files = Files.list(out.resolve("blackswan"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(s.size());
        }
        SequenceEvaluator evaluator = SequenceEvaluator.davis();
        for (int i = 0; i < s.size(); i++) {
            Mask pred = MaskFiles.read(MaskPngSink.file(out, "blackswan", i), 854, 480);
            assertThat(java.util.Arrays.stream(pred.objectIds()).boxed().toList()).isSubsetOf(1);
            evaluator.add(s.readMask(i, 854, 480), pred);
        }
        SequenceScore score = evaluator.score();
        assertThat(score.jf()).isBetween(0.3, 1.0);

        StreamSummary last = result.summaries.stream().filter(x -> x.complete).findFirst().orElseThrow();
        assertThat(last.frames).isEqualTo(s.size());
        assertThat(last.jf).isCloseTo(score.jf(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void corruptJpegAndWrongSizeMaskBecomeDeadLettersWhileTheOtherStreamCompletes() throws Exception {
        Path root = tmp.resolve("davis");
        copyFrames(sequence("blackswan"), root.resolve("broken"), 6);
        copyFrames(sequence("car-shadow"), root.resolve("healthy"), 6);
        Path corrupt = root.resolve("broken/frames/00003.jpg");
        byte[] jpeg = Files.readAllBytes(corrupt);
        Files.write(corrupt, java.util.Arrays.copyOf(jpeg, jpeg.length / 3));
        Path wrongMask = root.resolve("broken/masks/00002.png");
        MaskFiles.writePng(Mask.empty(100, 60), wrongMask);

        Path out = tmp.resolve("out");
        Result result = run(DavisFolderSource.references(root, 0), out);

        assertThat(result.deadLetters).extracting(d -> d.origin)
                .containsExactlyInAnyOrder(corrupt.toString(), wrongMask.toString());
        assertThat(result.deadLetters).allSatisfy(d -> assertThat(d.streamId).isEqualTo("broken"));
        assertThat(result.deadLetters).anySatisfy(d -> assertThat(d.reason).contains("100x60"));
        assertThat(pngCount(out.resolve("healthy"))).isEqualTo(6);
        assertThat(pngCount(out.resolve("broken"))).isEqualTo(5);
        assertThat(Files.exists(MaskPngSink.file(out, "broken", 2))).isTrue();
        assertThat(Files.exists(MaskPngSink.file(out, "broken", 3))).isFalse();
    }

    private static long pngCount(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).count();
        }
    }

    private static void copyFrames(Path from, Path to, int frames) throws Exception {
        Files.createDirectories(to.resolve("frames"));
        Files.createDirectories(to.resolve("masks"));
        for (int i = 0; i < frames; i++) {
            String stem = String.format("%05d", i);
            Files.copy(from.resolve("frames/" + stem + ".jpg"), to.resolve("frames/" + stem + ".jpg"));
            Files.copy(from.resolve("masks/" + stem + ".png"), to.resolve("masks/" + stem + ".png"));
        }
    }
}

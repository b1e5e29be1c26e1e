package dev.engram.connectors;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.connectors.sink.Mp4Writer;
import dev.engram.connectors.source.DavisFolderSource;
import dev.engram.connectors.source.FrameDecoder;
import dev.engram.connectors.source.VideoFileSource;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.DavisMetrics;
import dev.engram.vos.io.BadInputException;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A video written with FFmpeg (mpeg4), read back through {@link VideoFileSource} and segmented by the job. */
class VideoFileITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestCluster.create();

    private static final int W = 96, H = 64, FRAMES = 10;

    @TempDir
    Path tmp;

    /** Writes {@code FRAMES} synthetic frames as an MPEG-4 video and the first ground truth as a PNG. */
    private static SyntheticCamera writeVideo(Path video, Path firstMask) throws Exception {
        SyntheticCamera camera = new SyntheticCamera(11, W, H, 1);
        try (Mp4Writer writer = new Mp4Writer(video, W, H, 25, 4_000_000)) {
            for (int i = 0; i < FRAMES; i++) writer.write(camera.frame(i).rgb, W, i);
        }
        MaskFiles.writePng(camera.groundTruth(0), firstMask);
        return camera;
    }

    private static Result run(StreamExecutionEnvironment env, DataStream<LabeledFrame> frames,
            DataStream<DeadLetter> earlierDeadLetters) throws Exception {
        SingleOutputStreamOperator<SegmentedFrame> segmented = frames.keyBy(LabeledFrame::streamId)
                .process(new SegmentationFunction(VosOptions.defaults())).name("segment");
        DataStream<DeadLetter> letters = segmented.getSideOutput(DeadLetters.TAG);
        if (earlierDeadLetters != null) letters = letters.union(earlierDeadLetters);
        DataStream<Object> both = segmented.map(s -> (Object) s).returns(Object.class)
                .union(letters.map(d -> (Object) d).returns(Object.class));
        Result result = new Result();
        try (CloseableIterator<Object> it = both.executeAndCollect("video-test")) {
            it.forEachRemaining(o -> {
                if (o instanceof SegmentedFrame s) result.frames.add(s);
                else result.deadLetters.add((DeadLetter) o);
            });
        }
        return result;
    }

    static final class Result {
        final List<SegmentedFrame> frames = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        List<SegmentedFrame> of(String stream) {
            return frames.stream().filter(f -> f.streamId.equals(stream)).sorted((a, b) -> Long.compare(a.index, b.index)).toList();
        }
    }

    @Test
    void writtenVideoIsReadBackWithItsFirstMaskAndSegmentedFrameByFrame() throws Exception {
        Path video = tmp.resolve("cam.mp4"), mask = tmp.resolve("cam-00000.png");
        SyntheticCamera camera = writeVideo(video, mask);
        VideoFileSource source = VideoFileSource.open(video, mask, "cam");
        assertThat(source.frames()).isEqualTo(FRAMES);
        assertThat(source.width()).isEqualTo(W);
        assertThat(source.height()).isEqualTo(H);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Result result = run(env, source.stream(env), null);

        assertThat(result.deadLetters).isEmpty();
        List<SegmentedFrame> frames = result.of("cam");
        assertThat(frames).extracting(f -> f.index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        double j = 0;
        for (SegmentedFrame f : frames) {
            Mask truth = camera.groundTruth(f.index);
            j += DavisMetrics.jaccard(truth.binary(1), f.maskAsMask().binary(1), W, H);
        }
        assertThat(j / FRAMES).as("mean J against the synthetic truth after lossy encoding").isGreaterThan(0.5);
    }

    @Test
    void missingVideoIsRefusedNamingTheFile() {
        Path missing = tmp.resolve("nowhere.mp4");
        assertThatThrownBy(() -> VideoFileSource.open(missing, tmp.resolve("m.png"), "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void corruptVideoIsRefusedNamingTheFile() throws Exception {
        Path corrupt = tmp.resolve("corrupt.mp4");
        byte[] noise = new byte[20_000];
        new java.util.Random(5).nextBytes(noise);
        Files.write(corrupt, noise);
        assertThatThrownBy(() -> VideoFileSource.open(corrupt, tmp.resolve("m.png"), "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(corrupt.toString());
    }

    @Test
    void truncatedVideoIsRefusedNamingTheFile() throws Exception {
        Path video = tmp.resolve("cam.mp4"), mask = tmp.resolve("m.png");
        writeVideo(video, mask);
        Path truncated = tmp.resolve("truncated.mp4");
        byte[] bytes = Files.readAllBytes(video);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> VideoFileSource.open(truncated, mask, "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(truncated.toString());
    }

    @Test
    void firstMaskOfTheWrongSizeIsRefusedNamingTheMask() throws Exception {
        Path video = tmp.resolve("cam.mp4"), mask = tmp.resolve("m.png");
        writeVideo(video, mask);
        Path wrong = tmp.resolve("wrong.png");
        MaskFiles.writePng(Mask.empty(W + 2, H), wrong);
        assertThatThrownBy(() -> VideoFileSource.open(video, wrong, "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(wrong.toString());
    }

    /**
     * The design for multi-input jobs: every input is opened on its own before the job; one that
     * cannot be opened is reported and left out, and the job runs the others to completion.
     */
    @Test
    void badVideoBesideADavisFolderAndAGoodVideoIsReportedAndTheOthersComplete() throws Exception {
        Path shared = SharedData.sequence("blackswan");
        Path davis = tmp.resolve("davis/blackswan");
        Files.createDirectories(davis.resolve("frames"));
        Files.createDirectories(davis.resolve("masks"));
        for (int i = 0; i < 5; i++) {
            String stem = String.format("%05d", i);
            Files.copy(shared.resolve("frames/" + stem + ".jpg"), davis.resolve("frames/" + stem + ".jpg"));
            Files.copy(shared.resolve("masks/" + stem + ".png"), davis.resolve("masks/" + stem + ".png"));
        }
        Path good = tmp.resolve("good.mp4"), mask = tmp.resolve("good.png"), bad = tmp.resolve("bad.mp4");
        writeVideo(good, mask);
        Files.write(bad, "not a video".getBytes());

        List<String> problems = new ArrayList<>();
        List<VideoFileSource> videos = new ArrayList<>();
        for (Path v : List.of(good, bad)) {
            try {
                videos.add(VideoFileSource.open(v, mask, v.getFileName().toString().replace(".mp4", "")));
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SingleOutputStreamOperator<LabeledFrame> decoded = DavisFolderSource
                .stream(env, DavisFolderSource.references(tmp.resolve("davis"), 0))
                .keyBy(r -> r.streamId).process(new FrameDecoder()).name("decode");
        DataStream<LabeledFrame> all = decoded;
        for (VideoFileSource v : videos) all = all.union(v.stream(env));
        Result result = run(env, all, decoded.getSideOutput(DeadLetters.TAG));

        assertThat(problems).singleElement().asString().contains(bad.toString());
        assertThat(result.deadLetters).isEmpty();
        assertThat(result.of("blackswan")).hasSize(5);
        assertThat(result.of("good")).hasSize(FRAMES);
    }
}

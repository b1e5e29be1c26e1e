package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.Mp4Writer;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.DavisMetrics;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video files through the VOS job graph: the source decodes them inside the job, first masks come
 * from the masks folder, and every bad video (not a video, random bytes, cut in half, a first mask
 * of the wrong size) becomes a dead letter naming the file while the good one completes.
 */
class VideoFileITCase {
    static final int W = 96, H = 64, FRAMES = 10;

    @TempDir
    Path tmp;

    static SyntheticCamera writeVideo(Path video) throws Exception {
        SyntheticCamera camera = new SyntheticCamera(17, W, H, 1);
        try (Mp4Writer writer = new Mp4Writer(video, W, H, 25, 4_000_000)) {
            for (int i = 0; i < FRAMES; i++) writer.write(camera.frame(i).rgb, W, i);
        }
        return camera;
    }

    static void firstMask(Path masks, String stream, Mask mask) throws Exception {
        Files.createDirectories(masks.resolve(stream));
        MaskFiles.writePng(mask, masks.resolve(stream).resolve("00000.png"));
    }

    @Test
    void aGoodVideoIsSegmentedFrameByFrameWhileEveryBadOneIsADeadLetterNamingIt() throws Exception {
        Path videos = tmp.resolve("videos"), masks = tmp.resolve("masks");
        Files.createDirectories(videos);
        SyntheticCamera camera = writeVideo(videos.resolve("good.mp4"));
        firstMask(masks, "good", camera.groundTruth(0));
        Files.write(videos.resolve("notavideo.mp4"), "not a video".getBytes());
        byte[] noise = new byte[20_000];
        new java.util.Random(5).nextBytes(noise);
        Files.write(videos.resolve("corrupt.mp4"), noise);
        writeVideo(tmp.resolve("whole.mp4"));
        byte[] whole = Files.readAllBytes(tmp.resolve("whole.mp4"));
        Files.write(videos.resolve("truncated.mp4"), java.util.Arrays.copyOf(whole, whole.length / 2));
        writeVideo(videos.resolve("wrongmask.mp4"));
        firstMask(masks, "wrongmask", Mask.empty(W + 2, H));
        for (String s : List.of("notavideo", "corrupt", "truncated")) firstMask(masks, s, camera.groundTruth(0));

        Path out = tmp.resolve("out");
        CommittedOutput result = LocalJobs.vos(Sources.frames(SourceSpec.parse("file:" + videos), masks, 0, null, null),
                VosOptions.defaults(), out, tmp.resolve("work"));

        List<JsonNode> lines = result.lines("frames", "good");
        assertThat(lines).extracting(l -> l.path("index").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        double j = 0;
        for (int i = 0; i < FRAMES; i++) {
            Mask predicted = MaskFiles.read(out.resolve(OutputLayout.mask("good", i)), W, H);
            j += DavisMetrics.jaccard(camera.groundTruth(i).binary(1), predicted.binary(1), W, H);
        }
        assertThat(j / FRAMES).as("mean J against the synthetic truth after lossy encoding").isGreaterThan(0.5);

        Map<String, List<JsonNode>> letters = result.deadLetters().stream().collect(Collectors.groupingBy(d -> d.path("stream").asText()));
        assertThat(letters).doesNotContainKey("good");
        for (String bad : List.of("notavideo", "corrupt", "truncated")) {
            assertThat(letters.get(bad)).as(bad).isNotEmpty().anySatisfy(d ->
                    assertThat(d.path("origin").asText() + " " + d.path("reason").asText()).contains(videos.resolve(bad + ".mp4").toString()));
        }
        assertThat(letters.get("wrongmask")).anySatisfy(d ->
                assertThat(d.path("origin").asText()).isEqualTo(masks.resolve("wrongmask/00000.png").toString()));
        assertThat(result.maskCount("wrongmask")).isZero();
    }
}

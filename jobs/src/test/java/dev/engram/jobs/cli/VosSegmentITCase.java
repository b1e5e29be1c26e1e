package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.sink.Mp4Writer;
import dev.engram.vos.Mask;
import dev.engram.vos.eval.DavisMetrics;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram vos segment} on videos written with FFmpeg from the synthetic camera. */
class VosSegmentITCase {
    private static final int W = 96, H = 64, FRAMES = 12;
    private static final SyntheticCamera CAMERA = new SyntheticCamera(11, W, H, 1);

    @TempDir
    Path tmp;

    @Test
    void segmentsAVideoFromItsFirstMaskAndSkipsAMissingOneNamingIt() throws Exception {
        Path video = tmp.resolve("street.mp4"), mask = tmp.resolve("street-first.png");
        writeVideo(video, mask);
        Path missing = tmp.resolve("gone.mp4"), out = tmp.resolve("out");

        CliRun r = CliRun.engram("vos", "segment", "--video", video.toString(), "--mask", mask.toString(),
                "--video", missing.toString(), "--mask", mask.toString(),
                "--out", out.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("skipping " + missing + ": no such video file").contains("1 of 2 videos were not segmented").doesNotContain("\tat ");
        assertThat(r.out()).containsPattern("street +" + FRAMES + " ");
        double j = 0;
        for (int i = 0; i < FRAMES; i++) {
            Path png = out.resolve("masks/street").resolve(String.format("%05d.png", i));
            assertThat(png).exists();
            Mask predicted = MaskFiles.read(png, W, H);
            j += DavisMetrics.jaccard(CAMERA.groundTruth(i).binary(1), predicted.binary(1), W, H);
        }
        assertThat(j / FRAMES).as("mean J against the synthetic truth after lossy encoding").isGreaterThan(0.5);
        assertThat(out.resolve("overlays/street.mp4")).exists();
        assertThat(Files.readString(out.resolve("summaries/street.json"))).contains("\"frames\":" + FRAMES);
    }

    @Test
    void maskCountMustMatchVideoCount() {
        CliRun r = CliRun.engram("vos", "segment", "--video", "a.mp4", "--video", "b.mp4", "--mask", "a.png");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("one --mask per --video (got 2 videos and 1 masks)");
    }

    @Test
    void maskOfTheWrongSizeIsRefusedNamingTheFile() throws Exception {
        Path video = tmp.resolve("cam.mp4"), mask = tmp.resolve("cam.png");
        writeVideo(video, mask);
        Path wrong = tmp.resolve("wrong.png");
        MaskFiles.writePng(Mask.empty(W + 1, H), wrong);

        CliRun r = CliRun.engram("vos", "segment", "--video", video.toString(), "--mask", wrong.toString(),
                "--out", tmp.resolve("out").toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(wrong.toString()).contains("no video could be opened").doesNotContain("\tat ");
    }

    private static void writeVideo(Path video, Path firstMask) throws Exception {
        try (Mp4Writer writer = new Mp4Writer(video, W, H, 25, 4_000_000)) {
            for (int i = 0; i < FRAMES; i++) writer.write(CAMERA.frame(i).rgb, W, i);
        }
        MaskFiles.writePng(CAMERA.groundTruth(0), firstMask);
    }
}

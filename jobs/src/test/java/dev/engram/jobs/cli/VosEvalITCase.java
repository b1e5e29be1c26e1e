package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.Frame;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VosEvalITCase {
    @TempDir
    Path tmp;

    private CliRun eval(Path davis, String... more) {
        String[] base = {"vos", "eval", "--davis", davis.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.engram(args);
    }

    @Test
    void twoRunsWithTheSameSeedWriteIdenticalMasks() throws Exception {
        Path davis = CliRun.vosData();
        CliRun first = eval(davis, "--sequences", "blackswan", "--max-frames", "8", "--seed", "7", "--out", tmp.resolve("a").toString());
        CliRun second = eval(davis, "--sequences", "blackswan", "--max-frames", "8", "--seed", "7", "--out", tmp.resolve("b").toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();

        Map<String, String> a = hashes(tmp.resolve("a/masks/blackswan")), b = hashes(tmp.resolve("b/masks/blackswan"));
        assertThat(a).hasSize(8).isEqualTo(b);
    }

    @Test
    void foldsScoreEveryGridSettingOnceAndReportOutOfFoldBesideInSample() throws Exception {
        Path json = tmp.resolve("folds.json");
        CliRun r = eval(CliRun.vosData(), "--sequences", "blackswan,dog,camel", "--max-frames", "5", "--folds", "3",
                "--grid", "vos.work-side=200,300", "--set", "vos.backbone=none", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(root.path("backbone").asText()).isEqualTo("none");
        assertThat(root.path("grid").path("settings")).hasSize(2);
        assertThat(root.path("grid").path("settings").get(0).path("sequences")).hasSize(3);
        com.fasterxml.jackson.databind.JsonNode folds = root.path("outOfFold").path("folds");
        assertThat(folds).hasSize(3);
        // Round-robin by name: blackswan, camel, dog each held out once.
        assertThat(folds.get(0).path("heldOut").get(0).asText()).isEqualTo("blackswan");
        assertThat(folds.get(1).path("heldOut").get(0).asText()).isEqualTo("camel");
        double oof = root.path("outOfFold").path("JF").asDouble(), in = root.path("inSample").path("JF").asDouble();
        assertThat(oof).isBetween(0.0, 1.0).isLessThanOrEqualTo(in + 1e-12);
        // Each held-out figure is that setting's own score on the sequence: the mean over folds reproduces it.
        double sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode f : folds) sum += f.path("heldOutJF").asDouble();
        assertThat(sum / 3).isCloseTo(oof, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(root.path("mean").path("JF").asDouble()).isCloseTo(in, org.assertj.core.data.Offset.offset(1e-9));

        CliRun bad = eval(CliRun.vosData(), "--sequences", "blackswan,dog", "--folds", "3", "--grid", "vos.work-side=200");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--folds must be in 2..2");
    }

    @Test
    void corruptFirstMaskFailsItsSequenceNamingTheFileWhileTheOtherIsEvaluated() throws Exception {
        Path davis = tmp.resolve("davis");
        copy(CliRun.vosData().resolve("blackswan"), davis.resolve("healthy"), 4);
        copy(CliRun.vosData().resolve("blackswan"), davis.resolve("broken"), 4);
        Path mask = davis.resolve("broken/masks/00000.png");
        Files.write(mask, java.util.Arrays.copyOf(Files.readAllBytes(mask), 100));

        CliRun r = eval(davis, "--out", tmp.resolve("out").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern("healthy +4 ").contains(mask.toString());
        assertThat(r.err()).contains("engram: error: 1 of 2 sequences produced no masks: broken").doesNotContain("\tat ");
        assertThat(tmp.resolve("out/masks/healthy/00003.png")).exists();
    }

    @Test
    void budgetTooSmallForTheFixedStateFailsBeforeTheJobWithoutAStackTrace() throws Exception {
        CliRun r = eval(synthetic("cam", 854, 480), "--memory-budget", "1KiB");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("engram: error: options cannot segment 854x480 frames: vos.memory-budget 1KiB is too small")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void setChangesAnyLearnerOptionAndAnUnknownKeyListsTheKnownOnes() throws Exception {
        Path davis = CliRun.vosData();
        CliRun coarse = eval(davis, "--sequences", "blackswan", "--max-frames", "6", "--set", "vos.work-side=200",
                "--out", tmp.resolve("coarse").toString());
        CliRun normal = eval(davis, "--sequences", "blackswan", "--max-frames", "6", "--out", tmp.resolve("normal").toString());
        assertThat(coarse.code()).as(coarse.err()).isZero();
        assertThat(normal.code()).as(normal.err()).isZero();
        assertThat(hashes(tmp.resolve("coarse/masks/blackswan"))).hasSize(6).isNotEqualTo(hashes(tmp.resolve("normal/masks/blackswan")));

        CliRun bad = eval(davis, "--sequences", "blackswan", "--set", "vos.no-such=1");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--set vos.no-such=1: unknown option 'vos.no-such'").contains("vos.anchor")
                .doesNotContain("\tat ");
    }

    @Test
    void missingBackboneFailsBeforeTheJobNamingThePath() throws Exception {
        Path missing = tmp.resolve("no-such-backbone.pt");
        CliRun r = eval(synthetic("cam", 96, 64), "--backbone", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("vos.backbone").contains(missing.toString()).doesNotContain("\tat ");
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    /** A one-sequence DAVIS folder of two synthetic frames written by the test, for cases that need no real data. */
    private Path synthetic(String name, int width, int height) throws Exception {
        Path seq = tmp.resolve("synthetic-davis").resolve(name);
        Files.createDirectories(seq.resolve("frames"));
        Files.createDirectories(seq.resolve("masks"));
        SyntheticCamera camera = new SyntheticCamera(3, width, height, 1);
        for (int i = 0; i < 2; i++) {
            Frame f = camera.frame(i);
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = 3 * (y * width + x);
                    img.setRGB(x, y, (f.rgb[p] & 0xFF) << 16 | (f.rgb[p + 1] & 0xFF) << 8 | (f.rgb[p + 2] & 0xFF));
                }
            }
            javax.imageio.ImageIO.write(img, "jpg", seq.resolve(String.format("frames/%05d.jpg", i)).toFile());
            MaskFiles.writePng(camera.groundTruth(i), seq.resolve(String.format("masks/%05d.png", i)));
        }
        return seq.getParent();
    }

    private static void copy(Path from, Path to, int frames) throws Exception {
        Files.createDirectories(to.resolve("frames"));
        Files.createDirectories(to.resolve("masks"));
        for (int i = 0; i < frames; i++) {
            String stem = String.format("%05d", i);
            Files.copy(from.resolve("frames/" + stem + ".jpg"), to.resolve("frames/" + stem + ".jpg"));
            Files.copy(from.resolve("masks/" + stem + ".png"), to.resolve("masks/" + stem + ".png"));
        }
    }
}

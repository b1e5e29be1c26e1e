package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.testdata.SharedData;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SequenceEvaluator;
import dev.engram.vos.eval.SequenceScore;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.io.MaskFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DAVIS-layout folders through the VOS job graph: masks, summaries and dead letters as committed. */
class DavisFolderITCase {
    @TempDir
    Path tmp;

    @Test
    void commitsOneIdPngPerFrameThatScoresLikeTheSummary() throws Exception {
        Path seq = SharedData.sequence("blackswan");
        Path out = tmp.resolve("out");
        CommittedOutput result = LocalJobs.vos(Sources.frames(SourceSpec.parse("file:" + seq), null, 0, null, null),
                VosOptions.defaults(), out, tmp.resolve("work"));

        DavisSequence s = DavisFolder.discover(seq).get(0);
        assertThat(result.deadLetters()).isEmpty();
        assertThat(result.maskCount("blackswan")).isEqualTo(s.size());
        SequenceEvaluator evaluator = SequenceEvaluator.davis();
        for (int i = 0; i < s.size(); i++) {
            Mask pred = MaskFiles.read(out.resolve(OutputLayout.mask("blackswan", i)), 854, 480);
            assertThat(java.util.Arrays.stream(pred.objectIds()).boxed().toList()).isSubsetOf(1);
            evaluator.add(s.readMask(i, 854, 480), pred);
        }
        SequenceScore score = evaluator.score();
        assertThat(score.jf()).isBetween(0.3, 1.0);

        JsonNode summary = result.summaries().get("blackswan");
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("frames").asLong()).isEqualTo(s.size());
        assertThat(summary.path("JF").asDouble()).isCloseTo(score.jf(), org.assertj.core.api.Assertions.within(1e-9));
        List<JsonNode> lines = result.lines("frames", "blackswan");
        assertThat(lines).hasSize(s.size());
        assertThat(lines.get(5).path("J").get(0).asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void corruptJpegAndWrongSizeMaskBecomeDeadLettersWithTheirBytesWhileTheOtherStreamCompletes() throws Exception {
        Path root = tmp.resolve("davis");
        copyFrames(SharedData.sequence("blackswan"), root.resolve("broken"), 6);
        copyFrames(SharedData.sequence("car-shadow"), root.resolve("healthy"), 6);
        Path corrupt = root.resolve("broken/frames/00003.jpg");
        byte[] jpeg = Files.readAllBytes(corrupt);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 3);
        Files.write(corrupt, cut);
        Path wrongMask = root.resolve("broken/masks/00002.png");
        MaskFiles.writePng(Mask.empty(100, 60), wrongMask);

        Path out = tmp.resolve("out");
        CommittedOutput result = LocalJobs.vos(Sources.frames(SourceSpec.parse("file:" + root), null, 0, null, null),
                VosOptions.defaults(), out, tmp.resolve("work"));

        List<JsonNode> letters = result.deadLetters();
        assertThat(letters).extracting(d -> d.path("origin").asText())
                .containsExactlyInAnyOrder(corrupt.toString(), wrongMask.toString());
        assertThat(letters).allSatisfy(d -> assertThat(d.path("stream").asText()).isEqualTo("broken"));
        assertThat(letters).anySatisfy(d -> assertThat(d.path("reason").asText()).contains("100x60"));
        JsonNode jpegLetter = letters.stream().filter(d -> d.path("index").asLong() == 3).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(result.deadLetterBytes(jpegLetter))).isEqualTo(cut);
        assertThat(result.maskCount("healthy")).isEqualTo(6);
        assertThat(result.maskCount("broken")).isEqualTo(5);
        assertThat(out.resolve(OutputLayout.mask("broken", 2))).exists();
        assertThat(out.resolve(OutputLayout.mask("broken", 3))).doesNotExist();
    }

    static void copyFrames(Path from, Path to, int frames) throws Exception {
        Files.createDirectories(to.resolve("frames"));
        Files.createDirectories(to.resolve("masks"));
        for (int i = 0; i < frames; i++) {
            String stem = String.format("%05d", i);
            Files.copy(from.resolve("frames/" + stem + ".jpg"), to.resolve("frames/" + stem + ".jpg"));
            Files.copy(from.resolve("masks/" + stem + ".png"), to.resolve("masks/" + stem + ".png"));
        }
    }
}

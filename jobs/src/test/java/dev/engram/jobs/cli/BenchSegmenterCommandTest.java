package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.testdata.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram bench segmenter}: the learner without Flink, the harness that replaced the mains under src/test. */
class BenchSegmenterCommandTest {
    @TempDir
    Path tmp;

    @Test
    void syntheticCamerasAreSegmentedAndScoredPerSeed() throws Exception {
        Path json = tmp.resolve("synthetic.json");
        CliRun r = CliRun.engram("bench", "segmenter", "--synthetic", "3..4", "--frames", "12", "--size", "160x90",
                "--set", "vos.backbone=", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("seed 3", "seed 4", "mean J&F");
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertThat(n.path("backbone").asText()).isEqualTo("none");
        JsonNode perSeed = n.path("synthetic").path("jfPerSeed");
        assertThat(perSeed.size()).isEqualTo(2);
        // exact ground truth, 12 frames from the first mask: a working learner keeps the objects
        assertThat(perSeed.path("3").asDouble()).isGreaterThan(0.6);
    }

    @Test
    void davisSequencesGiveJAndFAndAProfileOfEveryStage() throws Exception {
        Path davis = SharedData.vos();
        Path json = tmp.resolve("davis.json");
        CliRun r = CliRun.engram("bench", "segmenter", "--davis", davis.toString(), "--sequences", "blackswan",
                "--set", "vos.backbone=", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(json.toFile()).path("davis");
        assertThat(d.path("sequences").get(0).path("name").asText()).isEqualTo("blackswan");
        assertThat(d.path("meanJf").asDouble()).isGreaterThan(0.7);
        assertThat(d.path("stageMsPerFrame").fieldNames()).toIterable().containsExactly("decode", "features", "backbone", "flow",
                "anchor_flow", "target_model", "update", "refinement", "encode");
        assertThat(d.path("stageMsPerFrame").path("flow").asDouble()).isPositive();
    }

    @Test
    void aLoopNeedsExactlyOneSequence() {
        CliRun r = CliRun.engram("bench", "segmenter", "--davis", SharedData.vos().toString(), "--sequences", "blackswan,bear", "--loop", "10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--loop takes one sequence");
    }

    @Test
    void anUnknownSequenceIsNamed() {
        CliRun r = CliRun.engram("bench", "segmenter", "--davis", SharedData.vos().toString(), "--sequences", "blackswan, no-such-clip");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no sequence named 'no-such-clip'");
    }
}

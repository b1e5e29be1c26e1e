package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.testdata.SharedData;
import dev.engram.vos.features.PackagedBackbone;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram bench backbone}: both engines run the same model and agree on its outputs. */
class BenchBackboneCommandTest {
    @TempDir
    Path tmp;

    @Test
    void bothEnginesAreTimedAndAgree() throws Exception {
        assumeTrue(PackagedBackbone.present(), "packaged backbone not fetched (vos/fetch-backbone.sh)");
        Path json = tmp.resolve("backbone.json");
        CliRun r = CliRun.engram("bench", "backbone", "--davis", SharedData.vos().toString(), "--sequences", "blackswan",
                "--frames", "2", "--rounds", "1", "--side", "160", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertThat(n.path("inputWidth").asInt()).isEqualTo(160);
        assertThat(n.path("engines").findValuesAsText("engine")).containsExactly("onnxruntime", "pytorch");
        for (JsonNode e : n.path("engines")) assertThat(e.path("medianMs").asDouble()).isPositive();
        assertThat(n.path("maxRelativeDifference").asDouble()).isLessThan(1e-4);
    }

    @Test
    void aFolderWithoutAModelIsNamed() {
        CliRun r = CliRun.engram("bench", "backbone", "--model", tmp.toString(), "--davis", tmp.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(tmp + ": no model.json");
    }
}

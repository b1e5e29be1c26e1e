package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchVosITCase {
    private static final String[] FIELDS = {"frames", "fps", "segmenterFps", "budgetBytes", "bankBytesMax", "timeRatio",
        "heapFirstBytes", "heapLastBytes", "heapRatio", "loops", "jfFirstLoop", "jfLastLoop", "bankCurve"};

    @TempDir
    Path tmp;

    @Test
    void shortBenchWritesBoundedAndBaselineFiguresWithTheBankInsideItsBudget() throws Exception {
        Path json = tmp.resolve("bench.json");
        CliRun r = CliRun.engram("bench", "vos", "--frames", "24", "--davis", CliRun.vosData().toString(),
                "--json", json.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("budget 16MiB").contains("unbounded baseline");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode baseline = root.path("baseline");
        for (String field : FIELDS) {
            assertThat(root.has(field)).as(field).isTrue();
            assertThat(baseline.has(field)).as("baseline " + field).isTrue();
        }
        assertThat(root.path("frames").asLong()).isEqualTo(24);
        assertThat(root.path("budgetBytes").asLong()).isEqualTo(16L << 20);
        assertThat(root.path("bankBytesMax").asLong()).isPositive().isLessThanOrEqualTo(root.path("budgetBytes").asLong());
        assertThat(root.path("heapRatio").asDouble()).isPositive();
        assertThat(root.path("jfFirstLoop").asDouble()).isBetween(0.0, 1.0);
        assertThat(baseline.path("budgetBytes").asLong()).isEqualTo(Long.MAX_VALUE);
        JsonNode curve = baseline.path("bankCurve");
        assertThat(curve).hasSize(10);
        assertThat(curve.get(9).path("frame").asLong()).isEqualTo(23);
        assertThat(curve.get(9).path("bankBytes").asLong())
                .as("unbounded bank grows over the run").isGreaterThan(curve.get(0).path("bankBytes").asLong());
    }

    @Test
    void driftCompareReportsEveryConfigurationAndTheRestartedRunInsideTheBudget() throws Exception {
        Path json = tmp.resolve("drift.json");
        CliRun r = CliRun.engram("bench", "vos", "--stream", "synthetic-drift", "--frames", "30", "--compare", "--seeds", "7,42",
                "--memory-budget", "4MiB", "--json", json.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("stream").asText()).isEqualTo("synthetic-drift");
        assertThat(root.path("backbone").asText()).isNotEmpty();
        JsonNode comparison = root.path("comparison");
        assertThat(comparison).hasSize(3);
        assertThat(comparison.get(0).path("policy").asText()).isEqualTo("rmscl");
        assertThat(comparison.get(1).path("policy").asText()).isEqualTo("fifo");
        assertThat(comparison.get(1).path("grcl").asText()).isEqualTo("off");
        assertThat(comparison.get(2).path("budgetBytes").asLong()).isEqualTo(Long.MAX_VALUE);
        for (JsonNode e : comparison) {
            for (String f : new String[] {"policy", "grcl", "budgetBytes", "jf", "jfFirst1000", "jfLast1000", "bankBytesMax"}) {
                assertThat(e.has(f)).as(f).isTrue();
            }
            assertThat(e.path("jf").asDouble()).isBetween(0.0, 1.0);
            JsonNode curve = e.path("jfCurve");
            assertThat(curve).as("J&F per window of 15 frames").hasSize(2);
            assertThat(curve.get(0).path("from").asInt()).isEqualTo(1);
            assertThat(curve.get(0).path("to").asInt()).isEqualTo(14);
            assertThat(curve.get(1).path("from").asInt()).isEqualTo(15);
            assertThat(curve.get(1).path("to").asInt()).isEqualTo(29);
            assertThat(curve.get(0).path("jf").asDouble()).isEqualTo(e.path("jfFirst1000").asDouble());
            assertThat(curve.get(1).path("jf").asDouble()).isEqualTo(e.path("jfLast1000").asDouble());
        }
        assertThat(root.path("jfCurve")).as("the configured run's curve at the top level").isEqualTo(comparison.get(0).path("jfCurve"));
        assertThat(comparison.get(0).path("bankBytesMax").asLong()).isLessThanOrEqualTo(4L << 20);
        assertThat(root.path("jfLast1000Restarted").asDouble()).isBetween(0.0, 1.0);

        // --seeds 7,42: --seed's stream (42) from the comparison, then seed 7's own scene; 42 is not run twice.
        JsonNode seeds = root.path("seeds");
        assertThat(seeds).hasSize(2);
        assertThat(seeds.get(0).path("seed").asLong()).isEqualTo(42);
        assertThat(seeds.get(0).path("jf").asDouble()).isEqualTo(comparison.get(0).path("jf").asDouble());
        assertThat(seeds.get(0).path("jfFifoNoGrcl").asDouble()).isEqualTo(comparison.get(1).path("jf").asDouble());
        assertThat(seeds.get(1).path("seed").asLong()).isEqualTo(7);
        assertThat(seeds.get(1).path("jf").asDouble()).as("seed 7 plays another scene").isNotEqualTo(seeds.get(0).path("jf").asDouble());
        double sum = 0;
        for (JsonNode s : seeds) {
            assertThat(s.path("margin").asDouble()).isCloseTo(s.path("jf").asDouble() - s.path("jfFifoNoGrcl").asDouble(), within(1e-9));
            sum += s.path("margin").asDouble();
        }
        JsonNode margin = root.path("margin");
        assertThat(margin.path("streams").asInt()).isEqualTo(2);
        assertThat(margin.path("mean").asDouble()).isCloseTo(sum / 2, within(1e-9));
        double a = seeds.get(0).path("margin").asDouble(), b = seeds.get(1).path("margin").asDouble();
        assertThat(margin.path("min").asDouble()).isEqualTo(Math.min(a, b));
        assertThat(margin.path("max").asDouble()).isEqualTo(Math.max(a, b));
        assertThat(margin.path("sd").asDouble()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-9));
        assertThat(r.out()).contains("margin over FIFO without GRCL on 2 streams");
    }

    @Test
    void seedsNamingOnlyTheComparedStreamReportItsMarginWithoutAnotherRun() throws Exception {
        Path json = tmp.resolve("one.json");
        CliRun r = CliRun.engram("bench", "vos", "--stream", "synthetic-drift", "--frames", "10", "--compare", "--seed", "5",
                "--seeds", "5", "--memory-budget", "4MiB", "--json", json.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode comparison = root.path("comparison");
        assertThat(root.path("seeds")).hasSize(1);
        double margin = comparison.get(0).path("jf").asDouble() - comparison.get(1).path("jf").asDouble();
        assertThat(root.path("seeds").get(0).path("margin").asDouble()).isCloseTo(margin, within(1e-9));
        assertThat(root.path("margin").path("streams").asInt()).isEqualTo(1);
        assertThat(root.path("margin").path("mean").asDouble()).isCloseTo(margin, within(1e-9));
        assertThat(root.path("margin").path("sd").asDouble()).isZero();
        assertThat(tmp.resolve("work").resolve("runs").resolve("bench-vos-seed-5")).as("no second run of the same stream").doesNotExist();
    }

    @Test
    void seedsWithoutCompareAreRefusedBeforeAnyJob() {
        CliRun r = CliRun.engram("bench", "vos", "--stream", "synthetic-drift", "--frames", "10", "--seeds", "1,2",
                "--json", tmp.resolve("x.json").toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--seeds needs --compare");
    }

    @Test
    void compareOnTheLoopedStreamIsRefusedBeforeAnyJob() {
        CliRun r = CliRun.engram("bench", "vos", "--frames", "10", "--compare", "--json", tmp.resolve("x.json").toString(),
                "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--compare needs --stream synthetic-drift");
    }
}

package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngramCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsSubcommandsAndExitsZero() {
        CliRun r = CliRun.engram("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("vos").contains("bench");
    }

    @Test
    void versionExitsZero() {
        CliRun r = CliRun.engram("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("engram").contains("Flink 2.2.1");
    }

    @Test
    void unknownFlagExitsTwoNamingIt() {
        CliRun r = CliRun.engram("demo", "--no-such-flag");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-flag");
    }

    @Test
    void badPolicyExitsTwo() {
        CliRun r = CliRun.engram("vos", "eval", "--davis", tmp.toString(), "--policy", "lru");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lru");
    }

    @Test
    void badMetricsPortExitsTwoNamingIt() {
        CliRun r = CliRun.engram("demo", "--metrics-port", "99999");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("99999").contains("not a port");
    }

    @Test
    void missingDavisFolderExitsOneNamingIt() {
        Path missing = tmp.resolve("nowhere");
        CliRun r = CliRun.engram("vos", "eval", "--davis", missing.toString(), "--work-dir", tmp.resolve("work").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("engram: error:").contains(missing.toString()).contains("not a folder");
    }

    @Test
    void runTtaOnRenderedDigitCamerasWritesTheAdaptedErrorsBesideTheSourceModels() throws Exception {
        Path out = tmp.resolve("tta");
        CliRun r = CliRun.engram("run", "tta", "--source", "synthetic:2", "--batches", "4", "--batch", "16", "--spell", "32",
                "--method", "tent", "--sink", "file:" + out, "--work-dir", tmp.resolve("work-tta").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("digits-0").contains("digits-1").contains("source");
        List<String> lines = Files.readAllLines(out.resolve("tta/digits-1.jsonl"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"condition\":\"clean\"", "\"labelled\":16", "\"sourceErrors\":");
        assertThat(lines.get(2)).contains("\"condition\":\"fog@3\"");
    }

    @Test
    void aDashboardOnANonLoopbackAddressIsRefusedUnlessRemoteAccessIsAsked() {
        CliRun r = CliRun.engram("demo", "--dashboard", "0.0.0.0:0", "--streams", "1", "--frames", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not a loopback address").contains("--dashboard-allow-remote");
        CliRun cluster = CliRun.engram("run", "vos", "--source", "synthetic:1", "--cluster", "127.0.0.1:1", "--dashboard", "0");
        assertThat(cluster.code()).isEqualTo(2);
        assertThat(cluster.err()).contains("engram dashboard --cluster");
    }

    @Test
    void tinyDemoPrintsASummaryAndWritesMasksOverlaysAndJson() {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.engram("demo", "--streams", "2", "--frames", "6", "--width", "64", "--height", "48",
                "--out", out.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cam-0").contains("cam-1").contains("J&F").contains("0 dead letters");
        // all three learners, and the dashboard's address printed first
        assertThat(r.out()).startsWith("dashboard: http://127.0.0.1:").contains("events-0").contains("digits-0");
        assertThat(out.resolve("tta/digits-0.jsonl")).content().contains("\"sourceErrors\"").contains("\"condition\":\"clean\"");
        assertThat(out.resolve("events/events-0.jsonl")).exists();
        assertThat(DemoCommand.maskFile(out, "cam-0", 5)).exists();
        assertThat(DemoCommand.maskFile(out, "cam-1", 0)).exists();
        assertThat(out.resolve("overlays/cam-0.mp4")).exists();
        assertThat(out.resolve("summaries/cam-1.json")).content().contains("\"complete\":true").contains("\"frames\":6");
        assertThat(Files.exists(tmp.resolve("work/flink-tmp"))).isTrue();
    }
}

package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngramCliTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run engram(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = EngramCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpListsSubcommandsAndExitsZero() {
        Run r = engram("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("vos").contains("bench");
    }

    @Test
    void versionExitsZero() {
        Run r = engram("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("engram").contains("Flink 2.2.1");
    }

    @Test
    void unknownFlagExitsTwoNamingIt() {
        Run r = engram("demo", "--no-such-flag");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-flag");
    }

    @Test
    void badPolicyExitsTwo() {
        Run r = engram("vos", "eval", "--davis", tmp.toString(), "--policy", "lru");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lru");
    }

    @Test
    void missingDavisFolderExitsOneNamingIt() {
        Path missing = tmp.resolve("nowhere");
        Run r = engram("vos", "eval", "--davis", missing.toString(), "--work-dir", tmp.resolve("work").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("engram: error:").contains(missing.toString()).contains("not a folder");
    }

    @Test
    void tinyDemoPrintsASummaryAndWritesMasksOverlaysAndJson() {
        Path out = tmp.resolve("demo");
        Run r = engram("demo", "--streams", "2", "--frames", "6", "--width", "64", "--height", "48",
                "--out", out.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cam-0").contains("cam-1").contains("J&F").contains("0 dead letters");
        assertThat(DemoCommand.maskFile(out, "cam-0", 5)).exists();
        assertThat(DemoCommand.maskFile(out, "cam-1", 0)).exists();
        assertThat(out.resolve("overlays/cam-0.mp4")).exists();
        assertThat(out.resolve("summaries/cam-1.json")).content().contains("\"complete\" : true").contains("\"frames\" : 6");
        assertThat(Files.exists(tmp.resolve("work/flink-tmp"))).isTrue();
    }
}

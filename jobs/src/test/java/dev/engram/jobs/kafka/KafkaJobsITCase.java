package dev.engram.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.jobs.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VOS job from a topic to a topic on the real broker, against the same cameras read straight from the source. */
class KafkaJobsITCase {
    @TempDir
    Path tmp;

    @Test
    void vosFromATopicToATopicCommitsEveryFramesMaskOnceAndAsTheDirectJobDoes() throws Exception {
        String bootstrap = SharedKafka.bootstrap();
        String work = tmp.resolve("work").toString();
        CliRunner.Result produced = CliRunner.run("produce", "synthetic:2", "--topic", "vos-in", "--bootstrap", bootstrap,
                "--max-frames", "30", "--width", "64", "--height", "48", "--encoding", "png", "--seed", "7");
        assertThat(produced.code()).as(produced.err()).isZero();
        assertThat(produced.out()).contains("streams: 2");

        CliRunner.Result run = CliRunner.run("run", "vos", "--source", "kafka:vos-in", "--bounded", "--bootstrap", bootstrap,
                "--sink", "kafka:vos-out", "--checkpoint-interval", "500ms", "--work-dir", work, "--seed", "7", "--quiet");
        assertThat(run.code()).as(run.err()).isZero();

        Path consumed = tmp.resolve("consumed");
        CliRunner.Result consume = CliRunner.run("consume", "--topic", "vos-out", "--bootstrap", bootstrap, "--out", consumed.toString(),
                "--dead-letters", "--idle", "3s");
        assertThat(consume.code()).as(consume.out() + consume.err()).isZero();
        assertThat(consume.out()).contains("results: 60, duplicates: 0").contains("dead letters: 0").contains("streams ended: 2");

        Path direct = tmp.resolve("direct");
        CliRunner.Result file = CliRunner.run("run", "vos", "--source", "synthetic:2", "--max-frames", "30", "--width", "64", "--height", "48",
                "--sink", "file:" + direct, "--work-dir", tmp.resolve("work-direct").toString(), "--seed", "7", "--quiet");
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(hashes(consumed.resolve("masks"))).hasSize(60).isEqualTo(hashes(direct.resolve("masks")));
    }

    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}

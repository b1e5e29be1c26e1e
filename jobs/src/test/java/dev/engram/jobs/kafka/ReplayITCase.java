package dev.engram.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.wire.ResultRecords;
import dev.engram.jobs.cli.CliRunner;
import dev.engram.operators.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram replay}: dead letters' original bytes back onto a topic under their original keys, from a topic or a folder. */
class ReplayITCase {
    @TempDir
    Path tmp;

    @Test
    void deadLettersGoBackAsTheyCameFromATopicAndFromAFolder() throws Exception {
        String bootstrap = SharedKafka.bootstrap();
        KafkaEndpoint endpoint = KafkaEndpoint.of(bootstrap);
        Topics.ensure(endpoint, "replay-dl");
        List<byte[]> originals = List.of("first bad record".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2, 3, (byte) 255});
        try (WireProducer p = new WireProducer(endpoint)) {
            for (int i = 0; i < originals.size(); i++) {
                DeadLetter d = new DeadLetter("cam-" + i, i, "kafka:in/0@" + i, "not an Engram record").at("decode").withBytes(originals.get(i), -1)
                        .fromTopic("in", 0, i, ("cam-" + i).getBytes(StandardCharsets.UTF_8));
                p.send("replay-dl", ResultRecords.deadLetter(d));
            }
        }
        CliRunner.Result fromTopic = CliRunner.run("replay", "--dead-letters", "replay-dl", "--to", "replay-back", "--bootstrap", bootstrap, "--idle", "3s");
        assertThat(fromTopic.code()).as(fromTopic.err()).isZero();
        assertThat(fromTopic.out()).contains("replayed: 2 to replay-back, skipped: 0");
        assertThat(read(endpoint, "replay-back")).containsExactly("cam-0=" + new String(originals.get(0), StandardCharsets.ISO_8859_1),
                "cam-1=" + new String(originals.get(1), StandardCharsets.ISO_8859_1));

        Path folder = tmp.resolve("letters");
        assertThat(CliRunner.run("consume", "--topic", "replay-dl", "--bootstrap", bootstrap,
                "--out", folder.toString(), "--idle", "3s").code()).isZero();
        CliRunner.Result fromFolder = CliRunner.run("replay", "--dead-letters", folder.toString(), "--to", "replay-again", "--bootstrap", bootstrap);
        assertThat(fromFolder.code()).as(fromFolder.err()).isZero();
        assertThat(read(endpoint, "replay-again")).containsExactlyInAnyOrderElementsOf(read(endpoint, "replay-back"));
    }

    private static List<String> read(KafkaEndpoint endpoint, String topic) {
        List<String> out = new ArrayList<>();
        try (WireConsumer c = new WireConsumer(endpoint, topic)) {
            c.drain(Duration.ofSeconds(3), Duration.ofSeconds(30), r -> out.add(new String(r.key(), StandardCharsets.UTF_8) + "="
                    + new String(r.value(), StandardCharsets.ISO_8859_1)));
        }
        out.sort(null);
        return out;
    }
}

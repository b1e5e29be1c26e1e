package dev.engram.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.wire.EventRecords;
import dev.engram.connectors.wire.FrameRecords;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every record kind and payload encoding through the real broker and back, field for field. */
class WireRoundTripITCase {
    @Test
    void everyKindSurvivesTheBroker() throws Exception {
        KafkaEndpoint endpoint = KafkaEndpoint.of(SharedKafka.bootstrap());
        Topics.ensure(endpoint, "round-trip");
        byte[] rgb = new byte[8 * 6 * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (i * 13);
        Frame f = new Frame("s", 4, 8, 6, rgb);
        byte[] ids = new byte[48];
        ids[7] = 3;
        List<WireRecord> sent = List.of(
                FrameRecords.frame(f, Encoding.RGB8), FrameRecords.frame(f, Encoding.PNG), FrameRecords.frame(f, Encoding.JPEG),
                FrameRecords.mask("s", 4, new Mask(8, 6, ids), Encoding.MASK_RLE), FrameRecords.mask("s", 4, new Mask(8, 6, ids), Encoding.PNG),
                EventRecords.events("s", 2, 8, 6, new int[] {1, 7}, new int[] {0, 5}, new byte[] {1, 0}, new long[] {5, 9}, 2),
                new WireRecord(Kind.RESULT, "s", 4).metadata("{\"job\":\"vos\",\"index\":4}").payload(Encoding.MASK_RLE, 8, 6, new byte[] {0, 0, 0, 48, 0}),
                new WireRecord(Kind.SUMMARY, "s", -1).payload(Encoding.JSON, 0, 0, "{\"frames\":5}".getBytes(StandardCharsets.UTF_8)),
                new WireRecord(Kind.HEALTH, "s", -1).captured(1_700_000_000_000_000L).payload(Encoding.JSON, 0, 0, "{\"connected\":true}".getBytes(StandardCharsets.UTF_8)),
                new WireRecord(Kind.DEAD_LETTER, "s", 9).metadata("{\"reason\":\"bad\"}").payload(Encoding.NONE, 0, 0, new byte[] {1, 2, 3}),
                new WireRecord(Kind.END, "s", 10));
        try (WireProducer p = new WireProducer(endpoint)) {
            for (WireRecord r : sent) p.send("round-trip", r);
        }
        List<WireRecord> got = new ArrayList<>();
        try (WireConsumer c = new WireConsumer(endpoint, "round-trip")) {
            c.drain(Duration.ofSeconds(3), Duration.ofSeconds(60), r -> {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s");
                try {
                    got.add(WireFormat.decode(r.value()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(got).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(sent);
    }
}

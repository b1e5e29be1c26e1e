package dev.engram.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.source.events.EventDiscovery;
import dev.engram.connectors.source.events.EventFormatReader;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.connectors.wire.EventRecords;
import dev.engram.connectors.wire.FrameRecords;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.jobs.cli.CliRunner;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.events.EventChunk;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand malformed records of every kind, mixed into good traffic on a real broker: each becomes
 * a dead letter on the dead-letter topic with its reason, coordinates and exact original bytes, and
 * every good record's result is present and equal to the direct job's.
 */
class KafkaDeadLettersITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** What was sent bad: hex SHA of the bytes → how many times. */
    private final Map<String, Integer> bad = new HashMap<>();
    private final Random random = new Random(11);

    @Test
    void malformedRecordsBecomeDeadLettersWithTheirBytesAndGoodRecordsAreUnaffected() throws Exception {
        String bootstrap = SharedKafka.bootstrap();
        KafkaEndpoint endpoint = KafkaEndpoint.of(bootstrap);
        Topics.ensure(endpoint, "mixed-frames", "mixed-events");
        try (WireProducer p = new WireProducer(endpoint)) {
            mixFrames(p);
            mixEvents(p);
        }
        int sentBad = bad.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(sentBad).isGreaterThanOrEqualTo(1000);

        CliRunner.Result vos = CliRunner.run("run", "vos", "--source", "kafka:mixed-frames", "--bounded", "--bootstrap", bootstrap,
                "--sink", "kafka:mixed-masks", "--checkpoint-interval", "500ms", "--work-dir", tmp.resolve("w1").toString(), "--seed", "7", "--quiet");
        assertThat(vos.code()).as(vos.err()).isZero();
        CliRunner.Result events = CliRunner.run("run", "events", "--source", "kafka:mixed-events", "--bounded", "--bootstrap", bootstrap,
                "--window-ms", "20", "--neurons", "64", "--sink", "kafka:mixed-windows", "--checkpoint-interval", "500ms",
                "--work-dir", tmp.resolve("w2").toString(), "--quiet");
        assertThat(events.code()).as(events.err()).isZero();

        Path got = tmp.resolve("got");
        for (String topic : List.of("mixed-masks", "mixed-windows")) {
            CliRunner.Result c = CliRunner.run("consume", "--topic", topic, "--bootstrap", bootstrap, "--out", got.toString(), "--dead-letters", "--idle", "3s");
            assertThat(c.code()).as(c.out() + c.err()).isZero();
            assertThat(c.out()).contains("duplicates: 0");
        }

        Map<String, Integer> letters = new HashMap<>();
        try (Stream<Path> s = Files.walk(got.resolve("dead-letters"))) {
            for (Path json : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode meta = JSON.readTree(json.toFile());
                assertThat(meta.path("reason").asText()).as(json.toString()).isNotBlank();
                assertThat(meta.path("topic").asText()).as(json.toString()).isIn("mixed-frames", "mixed-events");
                assertThat(meta.path("offset").asLong()).as(json.toString()).isNotNegative();
                Path bin = json.resolveSibling(json.getFileName().toString().replace(".json", ".bin"));
                letters.merge(sha(Files.readAllBytes(bin)), 1, Integer::sum);
            }
        }
        assertThat(letters).as("every malformed record, once, with its original bytes").isEqualTo(bad);

        Path direct = tmp.resolve("direct");
        assertThat(CliRunner.run("run", "vos", "--source", "synthetic:2", "--max-frames", "30", "--width", "64", "--height", "48",
                "--sink", "file:" + direct, "--work-dir", tmp.resolve("w3").toString(), "--seed", "7", "--quiet").code()).isZero();
        assertThat(KafkaJobsITCase.hashes(got.resolve("masks"))).hasSize(60).isEqualTo(KafkaJobsITCase.hashes(direct.resolve("masks")));
        assertThat(CliRunner.run("run", "events", "--source", "synthetic:1", "--max-frames", "40", "--width", "32", "--height", "24",
                "--window-ms", "20", "--neurons", "64", "--sink", "file:" + direct, "--work-dir", tmp.resolve("w4").toString(), "--quiet").code()).isZero();
        assertThat(windows(got.resolve("events/events-0.jsonl"))).hasSizeGreaterThan(5).isEqualTo(windows(direct.resolve("events/events-0.jsonl")));
    }

    /** Two good synthetic cameras, each frame followed by malformed records of every frame kind. */
    private void mixFrames(WireProducer p) throws Exception {
        List<SplitCursor<LabeledFrame>> cams = new ArrayList<>();
        for (StreamSplit s : FrameDiscovery.synthetic("cam", 2, 7, 64, 48, 2, 30, 0).discover(Set.of())) cams.add(new FrameFormat().open(s));
        for (int i = 0; i < 30; i++) {
            for (SplitCursor<LabeledFrame> cam : cams) {
                Frame f = cam.next().value.frame;
                if (f.annotation != null) p.send("mixed-frames", FrameRecords.mask(f.streamId, f.index, f.annotation, Encoding.PNG));
                p.send("mixed-frames", FrameRecords.frame(f, Encoding.PNG));
                for (int k = 0; k < 14; k++) badFrame(p, f, i * 100 + k);
            }
        }
        for (String s : List.of("cam-0", "cam-1")) p.send("mixed-frames", new WireRecord(Kind.END, s, 30));
    }

    private void badFrame(WireProducer p, Frame good, int n) {
        String s = good.streamId;
        byte[] value;
        String key = s;
        switch (n % 10) {
            case 0 -> {
                value = new byte[10 + random.nextInt(200)];
                random.nextBytes(value);
            }
            case 1 -> {
                byte[] whole = WireFormat.encode(FrameRecords.frame(good, Encoding.RGB8));
                value = java.util.Arrays.copyOf(whole, whole.length / 2);
            }
            case 2 -> {
                value = WireFormat.encode(FrameRecords.frame(good, Encoding.PNG));
                value[4] = 9;
            }
            case 3 -> {
                byte[] junk = new byte[300];
                random.nextBytes(junk);
                value = WireFormat.encode(new WireRecord(Kind.FRAME, s, 5000 + n).payload(Encoding.JPEG, 64, 48, junk));
            }
            case 4 -> value = WireFormat.encode(new WireRecord(Kind.FRAME, s, 5000 + n).payload(Encoding.RGB8, 64, 48, new byte[64 * 48 * 3 - 7]));
            case 5 -> value = WireFormat.encode(FrameRecords.frame(new Frame(s, 5000 + n, 32, 24, new byte[32 * 24 * 3]), Encoding.RGB8));
            case 6 -> {
                key = "ghost-" + n;
                value = WireFormat.encode(FrameRecords.frame(new Frame(key, n, 64, 48, good.rgb), Encoding.PNG));
            }
            case 7 -> {
                key = s.equals("cam-0") ? "cam-1" : "cam-0";
                value = WireFormat.encode(FrameRecords.frame(good, Encoding.PNG));
            }
            case 8 -> value = WireFormat.encode(FrameRecords.frame(good, Encoding.RGB8).metadata("{\"gain\": NaN}"));
            default -> value = WireFormat.encode(FrameRecords.mask(s, 6000 + n, new Mask(20, 10, new byte[200]), Encoding.PNG));
        }
        send(p, "mixed-frames", key, value);
    }

    /** One good emulated event camera, each batch followed by malformed batches. */
    private void mixEvents(WireProducer p) throws Exception {
        StreamSplit split = EventDiscovery.synthetic("events", 1, 1, 32, 24, 40, 0).discover(Set.of()).get(0);
        SplitCursor<EventChunk> cam = new EventFormatReader().open(split);
        int n = 0;
        // the split's limit is the reader's to enforce: the emulated camera itself never ends
        for (InputRecord<EventChunk> r; cam.position() < split.limit() && (r = cam.next()) != null; ) {
            EventChunk c = r.value;
            if (c == null || c.size() == 0) continue;
            p.send("mixed-events", EventRecords.events("events-0", c.chunk, c.width, c.height, c.x, c.y, c.polarity, c.tUs, c.size()));
            for (int k = 0; k < 40 && n < 200; k++, n++) badEvents(p, c, n);
        }
        assertThat(n).as("enough good batches to carry 200 bad ones").isEqualTo(200);
        p.send("mixed-events", new WireRecord(Kind.END, "events-0", 0));
    }

    private void badEvents(WireProducer p, EventChunk c, int n) {
        int m = Math.min(c.size(), 50);
        WireRecord r = EventRecords.events("events-0", 9000 + n, c.width, c.height, c.x, c.y, c.polarity, c.tUs, m);
        switch (n % 5) {
            case 0 -> r.payload = java.util.Arrays.copyOf(r.payload, r.payload.length - 3);
            case 1 -> r.width = 1;
            case 2 -> {
                long[] t = java.util.Arrays.copyOf(c.tUs, m);
                t[m - 1] = t[0] - 1;
                r = EventRecords.events("events-0", 9000 + n, c.width, c.height, c.x, c.y, c.polarity, t, m);
            }
            case 3 -> r.payload[4 + 4 * m] = 7;
            default -> r = FrameRecords.frame(new Frame("events-0", n, 4, 4, new byte[48]), Encoding.RGB8);
        }
        send(p, "mixed-events", "events-0", WireFormat.encode(r));
    }

    private void send(WireProducer p, String topic, String key, byte[] value) {
        p.send(topic, key.getBytes(StandardCharsets.UTF_8), value);
        bad.merge(sha(value), 1, Integer::sum);
    }

    private static List<String> windows(Path jsonl) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            var n = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            n.remove("origin");
            out.add(n.toString());
        }
        return out;
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

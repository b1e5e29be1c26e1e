package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireFormatException;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.kafka.WireConsumer;
import dev.engram.jobs.kafka.WireProducer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram replay --dead-letters TOPIC|DIR --to TOPIC}: sends the original bytes of dead letters
 * back to a topic, under their original key, after the cause was fixed (a decoder, a size, a
 * producer). Dead letters come from a dead-letter topic or a folder the file sink or {@code engram
 * consume} wrote ({@code dead-letters/…/*.json} with the {@code .bin} beside it).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send dead letters' original bytes (from a dead-letter topic or folder) back to a topic, under their original keys.")
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dead-letters", required = true, paramLabel = "TOPIC|DIR", description = "A dead-letter topic, or a folder holding dead-letters/.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TOPIC", description = "Where the original records go.")
    String to;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A client property passed through untouched; repeatable.")
    List<String> properties = List.of();

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "10s", converter = RunOptions.DurationConverter.class,
            description = "Reading a topic: stop once no record arrived for this long (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Override
    public Integer call() throws Exception {
        KafkaEndpoint endpoint = new KafkaEndpoint(bootstrap, KafkaCliOptions.properties(properties));
        PrintWriter err = spec.commandLine().getErr();
        long[] counts = new long[2];
        dev.engram.jobs.kafka.Topics.ensure(endpoint, to);
        try (WireProducer producer = new WireProducer(endpoint)) {
            Path dir = Path.of(from);
            if (Files.isDirectory(dir)) {
                Path letters = Files.isDirectory(dir.resolve("dead-letters")) ? dir.resolve("dead-letters") : dir;
                try (Stream<Path> s = Files.walk(letters)) {
                    for (Path json : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode meta = JSON.readTree(json.toFile());
                        Path bin = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", ".bin"));
                        replay(producer, meta, Files.exists(bin) ? Files.readAllBytes(bin) : null, json.toString(), counts, err);
                    }
                }
            } else {
                try (WireConsumer c = new WireConsumer(endpoint, from)) {
                    c.drain(idle, null, r -> {
                        try {
                            WireRecord w = WireFormat.decode(r.value());
                            if (w.kind != WireRecord.Kind.DEAD_LETTER) {
                                counts[1]++;
                                return;
                            }
                            replay(producer, JSON.readTree(w.metadata), w.payload, from + "/" + r.partition() + "@" + r.offset(), counts, err);
                        } catch (WireFormatException | java.io.IOException e) {
                            counts[1]++;
                            err.println("engram: skipped " + from + "/" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                        }
                    });
                }
            }
        }
        spec.commandLine().getOut().printf("replayed: %d to %s, skipped: %d%n", counts[0], to, counts[1]);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void replay(WireProducer producer, JsonNode meta, byte[] bytes, String where, long[] counts, PrintWriter err) {
        if (bytes == null || bytes.length == 0) {
            counts[1]++;
            err.println("engram: skipped " + where + ": the dead letter carries no original bytes");
            return;
        }
        byte[] key = meta.hasNonNull("key") ? Base64.getDecoder().decode(meta.path("key").asText())
                : meta.path("stream").asText("unknown").getBytes(StandardCharsets.UTF_8);
        producer.send(to, key, bytes);
        counts[0]++;
    }
}

package dev.engram.jobs.cli;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.KafkaSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of a job whose source or sink is a Kafka topic. */
final class KafkaCliOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers for kafka: sources and sinks (engram kafka start prints one).")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property passed through untouched to sources, sinks and admin checks (TLS, SASL, transaction.timeout.ms …); repeatable.")
    List<String> properties = List.of();

    @Option(names = "--group-id", paramLabel = "ID", description = "Consumer group of a kafka: source (default: engram-<job>).")
    String groupId;

    @Option(names = "--bounded", description = "A kafka: source stops at the offsets that were latest when the job started (the job then ends).")
    boolean bounded;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", description = "Topic of a kafka: sink's dead letters (default: <topic>.dead-letters).")
    String deadLetterTopic;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "Transactional id prefix of a kafka: sink; keep it the same for a job across restarts and upgrades (default: engram-<job>-<topic>).")
    String transactionalIdPrefix;

    @Option(names = "--mask-encoding", paramLabel = "png|rle", defaultValue = "png",
            description = "How a kafka: sink sends VOS masks: palette PNG or run-length ids (default: ${DEFAULT-VALUE}).")
    String maskEncoding;

    KafkaSettings settings() {
        KafkaEndpoint endpoint = bootstrap == null ? null : new KafkaEndpoint(bootstrap, properties(properties));
        WireRecord.Encoding masks = switch (maskEncoding.toLowerCase(Locale.ROOT)) {
            case "png" -> WireRecord.Encoding.PNG;
            case "rle" -> WireRecord.Encoding.MASK_RLE;
            default -> throw new IllegalArgumentException("--mask-encoding must be png or rle, got " + maskEncoding);
        };
        return new KafkaSettings(endpoint, groupId, bounded, deadLetterTopic, transactionalIdPrefix, masks);
    }

    /** {@code KEY=VALUE} items as a map; a malformed one is refused naming it. */
    static Map<String, String> properties(List<String> items) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--kafka-property " + item + ": expected KEY=VALUE");
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1));
        }
        return out;
    }
}

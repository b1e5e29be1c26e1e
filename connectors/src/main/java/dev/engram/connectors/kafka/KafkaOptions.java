package dev.engram.connectors.kafka;

import dev.engram.memory.Option;
import java.util.List;

/** Options of Engram's Kafka sources and sinks, each declared once with key, default and one sentence. */
public final class KafkaOptions {
    private KafkaOptions() {}

    public static final Option<Long> TRANSACTION_TIMEOUT_MS = Option.ofLong("kafka.transaction-timeout-ms", 900_000,
            "Kafka transaction timeout of an exactly-once sink: longer than the checkpoint timeout plus the longest restart, "
                    + "and at most the broker's transaction.max.timeout.ms (15 min by default); checked at start.");
    public static final Option<Integer> MAX_RECORD_BYTES = Option.ofInt("kafka.max-record-bytes", 16 << 20,
            "Largest record Engram's producers send and consumers fetch (max.request.size, max.partition.fetch.bytes); "
                    + "raw frames need it above Kafka's 1 MiB default, and the broker's message.max.bytes as high.");
    public static final Option<String> DEAD_LETTER_SUFFIX = Option.ofString("kafka.dead-letter-suffix", ".dead-letters",
            "A sink's dead-letter topic, unless given: the result topic's name with this suffix.");

    public static final List<Option<?>> ALL = List.of(TRANSACTION_TIMEOUT_MS, MAX_RECORD_BYTES, DEAD_LETTER_SUFFIX);
}

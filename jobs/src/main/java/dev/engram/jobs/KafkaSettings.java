package dev.engram.jobs;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaResultSink;
import dev.engram.connectors.wire.WireRecord;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a job reaches Kafka when a source or sink is a topic: the cluster ({@code --bootstrap},
 * {@code --kafka-property}), the consumer group, whether a source stops at the offsets that were
 * latest at start, the dead-letter topic, the sink's transactional id prefix and the encoding of
 * result masks.
 */
public record KafkaSettings(KafkaEndpoint endpoint, String group, boolean bounded, String deadLetterTopic,
        String transactionalIdPrefix, WireRecord.Encoding maskEncoding) implements Serializable {

    /** No Kafka: any topic source or sink is refused with a message asking for {@code --bootstrap}. */
    public static KafkaSettings none() {
        return new KafkaSettings(null, null, false, null, null, WireRecord.Encoding.PNG);
    }

    KafkaSettings require(Object spec) {
        if (endpoint == null) throw new IllegalArgumentException(spec + " needs --bootstrap HOST:PORT");
        return this;
    }

    /** The consumer group: given, else {@code engram-<job>}. */
    public String groupId(String job) {
        return group != null && !group.isBlank() ? group : "engram-" + job;
    }

    /** The outputs of a {@code kafka:TOPIC} sink of {@code job}; the transactional id prefix defaults to {@code engram-<job>-<topic>}. */
    public JobOutputs outputs(SinkSpec sink, String job) {
        require(sink.kind() + ":" + sink.value());
        String prefix = transactionalIdPrefix != null && !transactionalIdPrefix.isBlank() ? transactionalIdPrefix : "engram-" + job + "-" + sink.topic();
        return new JobOutputs.Kafka(endpoint, sink.topic(), KafkaResultSink.deadLetterTopic(sink.topic(), deadLetterTopic), prefix, maskEncoding);
    }

    /** Checks the sink's transaction timeout against {@code mustOutlast} and the broker's limit (see {@link KafkaResultSink#checkTransactionTimeout}). */
    public void checkSink(Duration mustOutlast) {
        KafkaResultSink.checkTransactionTimeout(endpoint, mustOutlast);
    }
}

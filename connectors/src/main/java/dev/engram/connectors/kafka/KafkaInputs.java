package dev.engram.connectors.kafka;

import dev.engram.operators.FrameOrMask;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Flink {@link KafkaSource}s of wire records for Engram's jobs. Offsets live in Flink's checkpoints:
 * after a failure each partition resumes after its last checkpointed record, so with an exactly-once
 * sink every input record affects the output once. A new job starts from the consumer group's
 * committed offsets, or the earliest ones. Records are read {@code read_committed}, so a topic that
 * another transactional producer fills shows only committed records. New streams need no restart:
 * they are new keys on the topic. Bounded sources stop at the offsets that were latest when the job
 * started (for benchmarks and tests).
 */
public final class KafkaInputs {
    private KafkaInputs() {}

    public static KafkaSource<InputRecord<FrameOrMask>> frames(KafkaEndpoint endpoint, String topic, String group, boolean bounded) {
        return source(endpoint, topic, group, bounded, new FrameDeserializer());
    }

    public static KafkaSource<InputRecord<EventChunk>> events(KafkaEndpoint endpoint, String topic, String group, boolean bounded) {
        return source(endpoint, topic, group, bounded, new EventDeserializer());
    }

    static <T> KafkaSource<InputRecord<T>> source(KafkaEndpoint endpoint, String topic, String group, boolean bounded,
            WireRecordDeserializer<T> deserializer) {
        String max = String.valueOf(KafkaOptions.MAX_RECORD_BYTES.defaultValue());
        var b = KafkaSource.<InputRecord<T>>builder()
                .setProperties(endpoint.clientProperties(Map.of("isolation.level", "read_committed",
                        "max.partition.fetch.bytes", max, "fetch.max.bytes", max)))
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer);
        if (bounded) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }
}

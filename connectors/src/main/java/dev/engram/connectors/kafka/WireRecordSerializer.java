package dev.engram.connectors.kafka;

import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Wire records onto their topics, keyed by stream id: dead letters to the dead-letter topic, everything else to the result topic. */
final class WireRecordSerializer implements KafkaRecordSerializationSchema<WireRecord> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String deadLetterTopic;

    WireRecordSerializer(String topic, String deadLetterTopic) {
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(WireRecord r, KafkaSinkContext context, Long timestamp) {
        String to = r.kind == WireRecord.Kind.DEAD_LETTER ? deadLetterTopic : topic;
        return new ProducerRecord<>(to, null, timestamp, r.key(), WireFormat.encode(r));
    }
}

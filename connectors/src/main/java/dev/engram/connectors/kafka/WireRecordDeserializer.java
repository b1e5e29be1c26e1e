package dev.engram.connectors.kafka;

import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireFormatException;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns Kafka records in the wire format into a job's input records. A record that is not a valid
 * wire record, whose key is not its stream id, or that the job cannot use becomes a dead letter with
 * the reason, its topic, partition, offset and key, and its original bytes; it never fails the job.
 *
 * @param <T> the job's record type
 */
public abstract class WireRecordDeserializer<T> implements KafkaRecordDeserializationSchema<InputRecord<T>> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    protected WireRecordDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord<T>> out) {
        String origin = origin(record);
        WireRecord r;
        try {
            r = WireFormat.decode(record.value());
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (!r.streamId.equals(key)) {
                throw new WireFormatException("record key " + (key == null ? "(none)" : "'" + key + "'") + " is not its stream id '" + r.streamId
                        + "' (a stream's records must share their key, so they share a partition and keep their order)");
            }
            InputRecord<T> in = convert(r, record, origin);
            if (in != null) out.collect(in);
        } catch (WireFormatException | RuntimeException e) {
            DeadLetter d = provenance(null, record, origin);
            d.reason = origin + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            out.collect(InputRecord.dead(d.at("decode")));
        }
    }

    /** The input record of a valid wire record, or an exception whose message says why the job cannot use it. */
    protected abstract InputRecord<T> convert(WireRecord r, ConsumerRecord<byte[], byte[]> record, String origin) throws WireFormatException;

    /**
     * The dead letter {@code record} would become (reason unset): its stream and position, its original
     * bytes, topic, partition, offset and key.
     */
    protected static DeadLetter provenance(WireRecord r, ConsumerRecord<byte[], byte[]> record, String origin) {
        String stream = r != null ? r.streamId : streamOf(record);
        return new DeadLetter(stream, r != null ? r.sequence : -1, origin, null).withBytes(record.value(), -1)
                .fromTopic(record.topic(), record.partition(), record.offset(), record.key() == null ? null : Arrays.copyOf(record.key(), record.key().length));
    }

    /** {@code kafka:<topic>/<partition>@<offset>}, the origin dead letters and frames name. */
    static String origin(ConsumerRecord<byte[], byte[]> r) {
        return "kafka:" + r.topic() + "/" + r.partition() + "@" + r.offset();
    }

    private static String streamOf(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() != null && r.key().length > 0 && r.key().length <= 1024) return new String(r.key(), StandardCharsets.UTF_8);
        return "unknown";
    }

    @Override
    public TypeInformation<InputRecord<T>> getProducedType() {
        return InputRecord.typeInfo(type);
    }
}

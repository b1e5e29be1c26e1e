package dev.engram.jobs.kafka;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaOptions;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts records on a topic, keyed by stream id, idempotently and with {@code acks=all}: a record the
 * broker acknowledged is stored once even when the producer retried. The first send failure is
 * thrown by the next call (or by {@link #close}), never dropped.
 */
public final class WireProducer implements Closeable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    public WireProducer(KafkaEndpoint endpoint) {
        this.producer = new KafkaProducer<>(endpoint.clientProperties(Map.of("acks", "all", "enable.idempotence", "true",
                "linger.ms", "5", "max.request.size", String.valueOf(KafkaOptions.MAX_RECORD_BYTES.defaultValue()))),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(String topic, WireRecord r) {
        send(topic, r.key(), WireFormat.encode(r));
    }

    /** Sends raw bytes under {@code key} (a replayed dead letter's original record). */
    public void send(String topic, byte[] key, byte[] value) {
        check();
        producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        });
        sent++;
    }

    public long sent() {
        return sent;
    }

    public void flush() {
        producer.flush();
        check();
    }

    private void check() {
        Exception e = failure.get();
        if (e != null) throw new IllegalStateException("sending to Kafka failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        check();
    }
}

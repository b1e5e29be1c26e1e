package dev.engram.jobs.kafka;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaOptions;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from its beginning with {@code read_committed} isolation (only records of
 * committed transactions, each once), without a consumer group: every partition is assigned
 * directly, so nothing is committed and two readers never share a topic.
 */
public final class WireConsumer implements Closeable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public WireConsumer(KafkaEndpoint endpoint, String topic) {
        String max = String.valueOf(KafkaOptions.MAX_RECORD_BYTES.defaultValue());
        consumer = new KafkaConsumer<>(endpoint.clientProperties(Map.of("isolation.level", "read_committed", "enable.auto.commit", "false",
                "auto.offset.reset", "earliest", "max.partition.fetch.bytes", max, "fetch.max.bytes", max,
                "client.id", "engram-consume-" + UUID.randomUUID())), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (parts.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) for (PartitionInfo p : infos) parts.add(new TopicPartition(topic, p.partition()));
            if (parts.isEmpty() && System.nanoTime() > deadline) throw new IllegalStateException("topic " + topic + " has no partitions at " + endpoint.bootstrap());
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /**
     * Hands every record to {@code each} until {@code idle} passes without a new one (or
     * {@code until} is reached; null = no limit); returns how many were read.
     */
    public long drain(Duration idle, Duration until, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long n = 0, lastRecord = System.nanoTime();
        long end = until == null ? Long.MAX_VALUE : System.nanoTime() + until.toNanos();
        while (System.nanoTime() - lastRecord < idle.toNanos() && System.nanoTime() < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                each.accept(r);
                n++;
                lastRecord = System.nanoTime();
            }
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

package dev.engram.connectors.kafka;

import dev.engram.connectors.wire.WireRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Results and dead letters onto Kafka topics through Flink's {@link KafkaSink}, keyed by stream id.
 *
 * <p>Semantics: {@link DeliveryGuarantee#EXACTLY_ONCE} by default. Records are written in a Kafka
 * transaction per checkpoint and become visible to {@code read_committed} consumers only when the
 * checkpoint completes; after a failure the open transactions are aborted and the job replays from
 * its last checkpoint, so a {@code read_committed} consumer sees each result once. The transactional
 * id prefix must stay the same across restarts and upgrades of a job (the sink aborts lingering
 * transactions of its own prefix at start; those of an abandoned prefix block {@code read_committed}
 * readers until their timeout). Output latency is the checkpoint interval.
 *
 * <p>The transaction timeout must outlast the checkpoint timeout plus the longest restart, and stay
 * within the broker's {@code transaction.max.timeout.ms} (Flink's own 1 h default is above the
 * broker's 15 min default and fails at start): {@link #checkTransactionTimeout} checks both before a
 * job is submitted, with a message that names the numbers.
 */
public final class KafkaResultSink {
    private KafkaResultSink() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private KafkaEndpoint endpoint;
        private String topic;
        private String deadLetterTopic;
        private String transactionalIdPrefix;
        private DeliveryGuarantee guarantee = DeliveryGuarantee.EXACTLY_ONCE;

        public Builder endpoint(KafkaEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Default: the result topic with {@link KafkaOptions#DEAD_LETTER_SUFFIX}. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** Must stay the same for a job across restarts and upgrades. */
        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        public Builder deliveryGuarantee(DeliveryGuarantee guarantee) {
            this.guarantee = guarantee;
            return this;
        }

        public KafkaSink<WireRecord> build() {
            if (topic == null || topic.isBlank()) throw new IllegalArgumentException("a Kafka sink needs a topic");
            if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
                throw new IllegalArgumentException("an exactly-once Kafka sink needs a stable transactional id prefix");
            }
            Properties p = endpoint.clientProperties(Map.of(
                    "transaction.timeout.ms", String.valueOf(KafkaOptions.TRANSACTION_TIMEOUT_MS.defaultValue()),
                    "max.request.size", String.valueOf(KafkaOptions.MAX_RECORD_BYTES.defaultValue())));
            var b = KafkaSink.<WireRecord>builder()
                    .setBootstrapServers(endpoint.bootstrap())
                    .setKafkaProducerConfig(p)
                    .setRecordSerializer(new WireRecordSerializer(topic, KafkaResultSink.deadLetterTopic(topic, deadLetterTopic)))
                    .setDeliveryGuarantee(guarantee);
            if (transactionalIdPrefix != null) b.setTransactionalIdPrefix(transactionalIdPrefix);
            return b.build();
        }
    }

    public static String deadLetterTopic(String topic, String given) {
        return given != null && !given.isBlank() ? given : topic + KafkaOptions.DEAD_LETTER_SUFFIX.defaultValue();
    }

    /** The transaction timeout a sink on {@code endpoint} uses: {@code transaction.timeout.ms} if passed through, else the default. */
    public static long transactionTimeoutMs(KafkaEndpoint endpoint) {
        String v = endpoint.properties().get("transaction.timeout.ms");
        if (v == null) return KafkaOptions.TRANSACTION_TIMEOUT_MS.defaultValue();
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transaction.timeout.ms=" + v + " is not a number of milliseconds");
        }
    }

    /**
     * Refuses a transaction timeout that does not outlast {@code mustOutlast} (checkpoint timeout plus
     * the longest restart) or that exceeds the broker's {@code transaction.max.timeout.ms}.
     *
     * @throws IllegalArgumentException naming both numbers
     */
    public static void checkTransactionTimeout(KafkaEndpoint endpoint, Duration mustOutlast) {
        long timeout = transactionTimeoutMs(endpoint);
        if (timeout <= mustOutlast.toMillis()) {
            throw new IllegalArgumentException("Kafka transaction timeout " + timeout + " ms must be longer than the checkpoint timeout plus the longest restart ("
                    + mustOutlast.toMillis() + " ms), or a restarted job's transactions may be aborted under it: raise transaction.timeout.ms "
                    + "(--kafka-property) or lower the checkpoint timeout");
        }
        long max = brokerTransactionMaxTimeoutMs(endpoint);
        if (timeout > max) {
            throw new IllegalArgumentException("Kafka transaction timeout " + timeout + " ms is above the broker's transaction.max.timeout.ms " + max
                    + " ms; the sink would fail at start: lower transaction.timeout.ms (--kafka-property) or raise the broker's limit");
        }
    }

    /** The smallest {@code transaction.max.timeout.ms} of the cluster's brokers. */
    static long brokerTransactionMaxTimeoutMs(KafkaEndpoint endpoint) {
        try (Admin admin = Admin.create(endpoint.clientProperties(Map.of("request.timeout.ms", "15000", "default.api.timeout.ms", "20000")))) {
            long min = Long.MAX_VALUE;
            for (Node n : admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)) {
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(n.id()));
                Config c = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
                ConfigEntry e = c.get("transaction.max.timeout.ms");
                if (e != null && e.value() != null) min = Math.min(min, Long.parseLong(e.value()));
            }
            if (min == Long.MAX_VALUE) throw new IllegalStateException("no broker of " + endpoint.bootstrap() + " reports transaction.max.timeout.ms");
            return min;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka at " + endpoint.bootstrap() + " for its limits", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot ask Kafka at " + endpoint.bootstrap() + " for its transaction limit: " + cause, e);
        }
    }
}

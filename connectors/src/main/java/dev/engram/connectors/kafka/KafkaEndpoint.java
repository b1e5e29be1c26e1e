package dev.engram.connectors.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a Kafka cluster is and how to talk to it: the bootstrap servers and client properties passed
 * through untouched (TLS, SASL, …), shared by sources, sinks and admin checks.
 */
public record KafkaEndpoint(String bootstrap, Map<String, String> properties) implements Serializable {
    public KafkaEndpoint {
        if (bootstrap == null || bootstrap.isBlank()) throw new IllegalArgumentException("Kafka needs --bootstrap HOST:PORT");
        properties = properties == null ? Map.of() : Map.copyOf(new TreeMap<>(properties));
    }

    public static KafkaEndpoint of(String bootstrap) {
        return new KafkaEndpoint(bootstrap, Map.of());
    }

    /** Client properties: the pass-through ones over {@code defaults}, with the bootstrap servers. */
    public Properties clientProperties(Map<String, String> defaults) {
        Properties p = new Properties();
        p.putAll(defaults);
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }
}

package dev.engram.jobs;

import dev.engram.connectors.sink.file.FileOutputSink;
import java.nio.file.Path;

/**
 * A {@code --sink} value: {@code file:DIR} (a local folder, or a URI such as {@code hdfs://…} or
 * {@code s3://…} that a cluster's FileSystem plugins read) or {@code kafka:TOPIC} (wire records on a
 * topic, dead letters on its dead-letter topic). A bare path means {@code file:DIR}.
 */
public record SinkSpec(Kind kind, String value) {
    public enum Kind { FILE, KAFKA }

    public static SinkSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--sink is empty");
        if (text.startsWith("kafka:")) {
            String topic = text.substring(6).trim();
            if (topic.isEmpty() || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("--sink " + text + ": a Kafka topic name is 1..249 characters of [A-Za-z0-9._-]");
            }
            return new SinkSpec(Kind.KAFKA, topic);
        }
        String rest = text.startsWith("file:") && !text.startsWith("file://") ? text.substring(5) : text;
        if (rest.isBlank()) throw new IllegalArgumentException("--sink " + text + ": no folder");
        return new SinkSpec(Kind.FILE, FileOutputSink.uri(rest));
    }

    /** The output root URI of a file sink. */
    public String root() {
        if (kind != Kind.FILE) throw new IllegalStateException("a " + kind + " sink has no output folder");
        return value;
    }

    /** The topic of a Kafka sink. */
    public String topic() {
        if (kind != Kind.KAFKA) throw new IllegalStateException("a " + kind + " sink has no topic");
        return value;
    }

    /** The local folder of a {@code file://} sink, or null for other file systems and for Kafka. */
    public Path localFolder() {
        return kind == Kind.FILE && value.startsWith("file:") ? Path.of(java.net.URI.create(value)) : null;
    }
}

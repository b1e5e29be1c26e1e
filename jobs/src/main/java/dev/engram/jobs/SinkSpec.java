package dev.engram.jobs;

import dev.engram.connectors.sink.file.FileOutputSink;
import java.nio.file.Path;

/**
 * A {@code --sink} value: {@code file:DIR} (a local folder, or a URI such as {@code hdfs://…} or
 * {@code s3://…} that a cluster's FileSystem plugins read). A bare path means {@code file:DIR}.
 */
public record SinkSpec(String root) {
    public static SinkSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--sink is empty");
        String rest = text.startsWith("file:") && !text.startsWith("file://") ? text.substring(5) : text;
        if (rest.isBlank()) throw new IllegalArgumentException("--sink " + text + ": no folder");
        return new SinkSpec(FileOutputSink.uri(rest));
    }

    /** The local folder of a {@code file://} sink, or null for other file systems. */
    public Path localFolder() {
        return root.startsWith("file:") ? Path.of(java.net.URI.create(root)) : null;
    }
}

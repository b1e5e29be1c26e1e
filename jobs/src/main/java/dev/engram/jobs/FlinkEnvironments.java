package dev.engram.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment of every Engram job: an embedded MiniCluster when run from the CLI, or
 * the cluster a job was submitted to with {@code flink run} (Flink's own context then wins). Temp
 * folders and the JavaCPP native cache live under the work dir, so a local run leaves nothing in
 * /tmp.
 */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    public static StreamExecutionEnvironment create(Path workDir, int parallelism) {
        Path tmp = workDir.resolve("flink-tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(workDir + ": cannot create work dir", e);
        }
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", workDir.resolve("javacpp-cache").toAbsolutePath().toString());
        }
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, tmp.toAbsolutePath().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}

package dev.engram.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment of every Engram job: an embedded MiniCluster when run from the CLI, or
 * the cluster a job was submitted to with {@code flink run} (Flink's own context then wins). Temp
 * folders and the JavaCPP native cache live under the work dir, so a local run leaves nothing in
 * /tmp. With a metrics port, Flink's Prometheus reporter serves every metric of the job (among them
 * the segmentation operator's {@code bankBytes} and {@code budgetBytes}) at
 * {@code http://localhost:<port>/metrics} for as long as the local cluster runs.
 */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    /** Reporter name of the Prometheus reporter; its options are {@code metrics.reporter.prom.*}. */
    public static final String PROMETHEUS_REPORTER = "prom";

    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    public static StreamExecutionEnvironment create(Path workDir, int parallelism) {
        return create(workDir, parallelism, null);
    }

    /**
     * @param metricsPort a port ("9250") or a range ("9250-9260") for the Prometheus reporter, or null
     *     for no reporter
     * @throws IllegalArgumentException when {@code metricsPort} is not a port or a range of ports
     */
    public static StreamExecutionEnvironment create(Path workDir, int parallelism, String metricsPort) {
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
        if (metricsPort != null) {
            checkPorts(metricsPort);
            String prefix = "metrics.reporter." + PROMETHEUS_REPORTER + ".";
            conf.set(ConfigOptions.key(prefix + "factory.class").stringType().noDefaultValue(),
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.set(ConfigOptions.key(prefix + "port").stringType().noDefaultValue(), metricsPort.trim());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** Throws naming {@code ports} unless it is a port 1..65535 or an ascending range of them. */
    public static void checkPorts(String ports) {
        Matcher m = PORTS.matcher(ports.trim());
        boolean ok = m.matches();
        if (ok) {
            int from = Integer.parseInt(m.group(1)), to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            ok = from >= 1 && to <= 65535 && from <= to;
        }
        if (!ok) throw new IllegalArgumentException("metrics port '" + ports + "' is not a port (1-65535) or a range like 9250-9260");
    }
}

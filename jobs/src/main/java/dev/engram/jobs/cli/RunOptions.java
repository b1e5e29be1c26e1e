package dev.engram.jobs.cli;

import dev.engram.jobs.FlinkEnvironments;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where and how a job runs; shared by every subcommand. */
final class RunOptions {
    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/engram-work",
            description = "Folder for Flink temp files and the native-library cache (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Parallelism of the segmentation operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--metrics-port", paramLabel = "PORT[-PORT]", converter = PortsConverter.class,
            description = "Serve the job's metrics (bankBytes, budgetBytes, framesSegmented, …) for Prometheus at "
                    + "http://localhost:PORT/metrics while the job runs; a range lets Flink pick a free port.")
    String metricsPort;

    /** Creates the job's environment and, with a metrics port, says where to scrape. */
    StreamExecutionEnvironment environment(int parallelism) {
        StreamExecutionEnvironment env = FlinkEnvironments.create(workDir, parallelism, metricsPort);
        if (metricsPort != null) {
            System.err.println("metrics: http://localhost:" + metricsPort + "/metrics (Prometheus; while the job runs"
                    + (metricsPort.contains("-") ? ", first free port of the range" : "") + ")");
        }
        return env;
    }

    static final class PortsConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                FlinkEnvironments.checkPorts(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value.trim();
        }
    }
}

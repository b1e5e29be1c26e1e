package dev.engram.jobs.cli;

import dev.engram.jobs.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where and how a job runs (checkpoints, state backend, restarts, savepoints, Flink options); shared by every job command. */
final class RunOptions {
    /** Pause between restart attempts after a failure. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)?");

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/engram-work",
            description = "Folder for Flink temp files, checkpoints, savepoints and the native-library cache (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Parallelism of the job: every operator, sources and sinks included (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--metrics-port", paramLabel = "PORT[-PORT]", converter = PortsConverter.class,
            description = "Serve the job's metrics for Prometheus at http://localhost:PORT/metrics while the job runs; "
                    + "a range lets Flink pick a free port.")
    String metricsPort;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Checkpoint every DURATION (e.g. 10s, 500ms, 2min); output is committed at each checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR|URI",
            description = "Where checkpoints go (default: <work-dir>/checkpoints); on a cluster, a folder every TaskManager and the JobManager reach.")
    String checkpointDir;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", defaultValue = "hashmap",
            description = "Where keyed state lives between checkpoints: hashmap (on the heap, fastest) or rocksdb (on disk, state larger than memory) (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--restart-attempts", paramLabel = "N", defaultValue = "3",
            description = "Restarts from the last checkpoint after a failure before the job fails (default: ${DEFAULT-VALUE}).")
    int restartAttempts;

    @Option(names = "--savepoint-dir", paramLabel = "DIR|URI",
            description = "Where savepoints go (Ctrl-C, engram stop) (default: <work-dir>/savepoints).")
    String savepointDir;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Start from this savepoint or retained checkpoint.")
    String fromSavepoint;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Any Flink option, passed through (repeatable; wins over the flags above).")
    Map<String, String> flinkOptions = new LinkedHashMap<>();

    /** The engine settings of these flags; relative local paths are made absolute. */
    EngineSettings settings() {
        return settings(parallelism);
    }

    EngineSettings settings(int jobParallelism) {
        String checkpoints = checkpointDir != null ? location(checkpointDir) : EngineSettings.uri(workDir.resolve("checkpoints"));
        String savepoints = savepointDir != null ? location(savepointDir) : EngineSettings.uri(workDir.resolve("savepoints"));
        return new EngineSettings(checkpointInterval, checkpoints, stateBackend.toLowerCase(Locale.ROOT), restartAttempts,
                RESTART_DELAY, savepoints, fromSavepoint == null ? null : location(fromSavepoint), jobParallelism,
                flinkOptions, workDir.toAbsolutePath(), metricsPort);
    }

    /** A URI with a scheme unchanged; a local path made absolute, as a {@code file://} URI. */
    static String location(String pathOrUri) {
        if (pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) return pathOrUri;
        return EngineSettings.uri(Path.of(pathOrUri));
    }

    /** Says where metrics are served, when they are. */
    void announceMetrics() {
        if (metricsPort != null) {
            System.err.println("metrics: http://localhost:" + metricsPort + "/metrics (Prometheus; while the job runs"
                    + (metricsPort.contains("-") ? ", first free port of the range" : "") + ")");
        }
    }

    /** Throws naming {@code ports} unless it is a port 1..65535 or an ascending range of them. */
    static void checkPorts(String ports) {
        Matcher m = PORTS.matcher(ports.trim());
        boolean ok = m.matches();
        if (ok) {
            int from = Integer.parseInt(m.group(1)), to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            ok = from >= 1 && to <= 65535 && from <= to;
        }
        if (!ok) throw new IllegalArgumentException("metrics port '" + ports + "' is not a port (1-65535) or a range like 9250-9260");
    }

    static final class PortsConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                checkPorts(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value.trim();
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 10s, 500ms or 2min");
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (d.isZero()) throw new CommandLine.TypeConversionException("'" + value + "' must be positive");
            return d;
        }
    }
}

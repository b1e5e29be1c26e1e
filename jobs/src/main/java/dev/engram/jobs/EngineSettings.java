package dev.engram.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * How every Engram job runs on Flink: checkpointing (on by default, every 10 s, exactly once,
 * retained when a job is cancelled), state backend, restarts, savepoints, parallelism and any Flink
 * option passed through with {@code -D}. One value per job; {@link #configuration()} is the Flink
 * configuration both the embedded MiniCluster and a remote submission use.
 */
public record EngineSettings(Duration checkpointInterval, String checkpointDir, String stateBackend, int restartAttempts,
        Duration restartDelay, String savepointDir, String fromSavepoint, int parallelism, Map<String, String> flinkOptions,
        Path workDir, String metricsPort) {

    public static final String HASHMAP = "hashmap";
    public static final String ROCKSDB = "rocksdb";
    /** Reporter name of the Prometheus reporter; its options are {@code metrics.reporter.prom.*}. */
    public static final String PROMETHEUS_REPORTER = "prom";

    public EngineSettings {
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be positive, got " + checkpointInterval);
        }
        if (!stateBackend.equals(HASHMAP) && !stateBackend.equals(ROCKSDB)) {
            throw new IllegalArgumentException("--state-backend must be hashmap or rocksdb, got " + stateBackend);
        }
        if (restartAttempts < 0) throw new IllegalArgumentException("--restart-attempts must not be negative, got " + restartAttempts);
        if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        flinkOptions = Map.copyOf(flinkOptions);
    }

    /** Settings for a local run under {@code workDir}: checkpoints and savepoints below it. */
    public static EngineSettings local(Path workDir, int parallelism) {
        return new EngineSettings(Duration.ofSeconds(10), uri(workDir.resolve("checkpoints")), HASHMAP, 3, Duration.ofSeconds(1),
                uri(workDir.resolve("savepoints")), null, parallelism, Map.of(), workDir, null);
    }

    public EngineSettings withCheckpointInterval(Duration interval) {
        return new EngineSettings(interval, checkpointDir, stateBackend, restartAttempts, restartDelay, savepointDir,
                fromSavepoint, parallelism, flinkOptions, workDir, metricsPort);
    }

    public EngineSettings withParallelism(int p) {
        return new EngineSettings(checkpointInterval, checkpointDir, stateBackend, restartAttempts, restartDelay, savepointDir,
                fromSavepoint, p, flinkOptions, workDir, metricsPort);
    }

    public EngineSettings withFromSavepoint(String path) {
        return new EngineSettings(checkpointInterval, checkpointDir, stateBackend, restartAttempts, restartDelay, savepointDir,
                path, parallelism, flinkOptions, workDir, metricsPort);
    }

    public EngineSettings withStateBackend(String backend) {
        return new EngineSettings(checkpointInterval, checkpointDir, backend, restartAttempts, restartDelay, savepointDir,
                fromSavepoint, parallelism, flinkOptions, workDir, metricsPort);
    }

    public EngineSettings withFlinkOption(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(flinkOptions);
        m.put(key, value);
        return new EngineSettings(checkpointInterval, checkpointDir, stateBackend, restartAttempts, restartDelay, savepointDir,
                fromSavepoint, parallelism, m, workDir, metricsPort);
    }

    /**
     * How long a transactional sink's transactions must be able to stay open: the checkpoint timeout
     * (Flink's {@code execution.checkpointing.timeout}) plus the longest restart (every attempt's delay
     * and a heartbeat timeout to notice a lost TaskManager).
     */
    public Duration transactionMustOutlast() {
        Configuration conf = configuration();
        Duration checkpointTimeout = conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT);
        Duration heartbeat = conf.get(org.apache.flink.configuration.HeartbeatManagerOptions.HEARTBEAT_TIMEOUT);
        return checkpointTimeout.plus(restartDelay.multipliedBy(Math.max(1, restartAttempts))).plus(heartbeat);
    }

    /** A local path as an absolute {@code file://} URI; a URI with a scheme unchanged. */
    public static String uri(Path local) {
        return local.toAbsolutePath().normalize().toUri().toString();
    }

    /** The Flink configuration of these settings; {@code -D} options are applied last and win. */
    public Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (checkpointDir != null) conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        if (savepointDir != null) conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointDir);
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        if (restartAttempts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
        }
        if (fromSavepoint != null) conf.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (workDir != null) conf.set(CoreOptions.TMP_DIRS, workDir.resolve("flink-tmp").toAbsolutePath().toString());
        if (metricsPort != null) {
            String prefix = "metrics.reporter." + PROMETHEUS_REPORTER + ".";
            conf.set(ConfigOptions.key(prefix + "factory.class").stringType().noDefaultValue(),
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.set(ConfigOptions.key(prefix + "port").stringType().noDefaultValue(), metricsPort);
        }
        for (Map.Entry<String, String> e : flinkOptions.entrySet()) {
            conf.setString(e.getKey(), e.getValue());
        }
        return conf;
    }
}

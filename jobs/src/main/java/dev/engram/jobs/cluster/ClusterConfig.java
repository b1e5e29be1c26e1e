package dev.engram.jobs.cluster;

import java.nio.file.Path;

/**
 * The {@code config.yaml} of a local cluster. Without Flink's launch scripts nothing derives the
 * TaskManager's memory layout, so every size is explicit (and matched by the JVM flags in
 * {@link LocalCluster}); everything binds to 127.0.0.1.
 */
final class ClusterConfig {
    static final String JOB_MANAGER_HEAP = "512m";
    /** framework heap 128m + task heap 896m. */
    static final String TASK_MANAGER_HEAP = "1024m";
    /** framework off-heap 128m + task off-heap 256m + network 64m. */
    static final String DIRECT_MEMORY = "448m";
    static final String METASPACE = "256m";
    /** How long a killed TaskManager's slots stay offered: until this heartbeat timeout, restarts may land on them. */
    static final long HEARTBEAT_TIMEOUT_MS = 20_000;

    private ClusterConfig() {}

    static String yaml(int restPort, int rpcPort, int slots, Path tmp) {
        Path root = tmp.getParent();
        return String.join("\n",
                "# Written by engram cluster start; read by the JobManager and every TaskManager.",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 1024m",
                "jobmanager.memory.heap.size: " + JOB_MANAGER_HEAP,
                "jobmanager.memory.off-heap.size: 128m",
                "jobmanager.memory.jvm-metaspace.size: " + METASPACE,
                "jobmanager.memory.jvm-overhead.min: 128m",
                "jobmanager.memory.jvm-overhead.max: 128m",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.cpu.cores: " + slots,
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 896m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 256m",
                "taskmanager.memory.managed.size: 256m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: " + METASPACE,
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "io.tmp.dirs: " + tmp,
                "execution.checkpointing.dir: file://" + root.resolve("checkpoints"),
                "execution.checkpointing.savepoint-dir: file://" + root.resolve("savepoints"),
                "heartbeat.interval: 2000",
                "heartbeat.timeout: " + HEARTBEAT_TIMEOUT_MS,
                "metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.port: 9250-9270",
                "# The REST API (and so engram dashboard --cluster) serves metrics at most this old.",
                "metrics.fetcher.update-interval: 1000",
                "");
    }
}

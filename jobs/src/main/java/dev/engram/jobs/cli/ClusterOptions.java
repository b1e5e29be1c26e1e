package dev.engram.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a job goes when it does not run on the embedded MiniCluster. */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "HOST:PORT|URL",
            description = "Submit to this Flink cluster's REST endpoint (e.g. 127.0.0.1:8081, from engram cluster start), print the job id and return.")
    String cluster;

    @Option(names = "--job-jar", paramLabel = "JAR",
            description = "The job jar shipped with a --cluster submission (default: engram-job.jar beside engram.jar, or $ENGRAM_JOB_JAR).")
    Path jobJar;
}

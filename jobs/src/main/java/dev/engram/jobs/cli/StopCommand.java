package dev.engram.jobs.cli;

import dev.engram.jobs.JobRunner;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram stop JOBID --cluster HOST:PORT [--savepoint-dir DIR]}: stop a job with a savepoint and print its path. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a job on a cluster with a savepoint; prints savepoint: PATH.")
final class StopCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOBID", description = "The 32-hex job id (as engram run --cluster printed it).")
    String jobId;

    @Option(names = "--cluster", paramLabel = "HOST:PORT|URL", required = true, description = "The cluster's REST endpoint.")
    String cluster;

    @Option(names = "--savepoint-dir", paramLabel = "DIR|URI",
            description = "Where the savepoint goes (default: the cluster's execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        JobID id;
        try {
            id = JobID.fromHexString(jobId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + jobId + "' is not a 32-hex job id");
        }
        URI rest = JobRunner.restUri(cluster);
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, rest.getHost());
        conf.set(RestOptions.PORT, rest.getPort());
        try (RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            String path = client.stopWithSavepoint(id, false, savepointDir == null ? null : RunOptions.location(savepointDir),
                    SavepointFormatType.CANONICAL).get(timeoutSeconds, TimeUnit.SECONDS);
            spec.commandLine().getOut().println("savepoint: " + path);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}

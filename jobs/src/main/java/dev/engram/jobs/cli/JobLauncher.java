package dev.engram.jobs.cli;

import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobJar;
import dev.engram.jobs.JobRunner;
import java.io.PrintWriter;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job graph the way the command line asked: on the embedded MiniCluster until it ends (with
 * progress on stderr and Ctrl-C as stop-with-savepoint), or, with {@code --cluster}, submitted over
 * REST with the job jar, printing {@code job: <id>} and returning at once.
 */
final class JobLauncher {
    private JobLauncher() {}

    /** @return the local run, or null when the job was submitted to a cluster */
    static JobRunner.LocalRun launch(RunOptions run, ClusterOptions cluster, String name,
            Consumer<StreamExecutionEnvironment> graph, Runnable progress, PrintWriter out) throws Exception {
        return launch(run, cluster, null, name, graph, progress, out);
    }

    /**
     * As {@link #launch(RunOptions, ClusterOptions, String, Consumer, Runnable, PrintWriter)}, with
     * {@code dashboard} (null for none) reading the local run's metrics through Flink's metric system.
     */
    static JobRunner.LocalRun launch(RunOptions run, ClusterOptions cluster, LiveDashboard dashboard, String name,
            Consumer<StreamExecutionEnvironment> graph, Runnable progress, PrintWriter out) throws Exception {
        EngineSettings settings = run.settings();
        if (dashboard != null) settings = LiveDashboard.withReporter(settings);
        if (cluster != null && cluster.cluster != null) {
            StreamExecutionEnvironment env = JobRunner.remoteEnvironment(cluster.cluster,
                    cluster.jobJar != null ? cluster.jobJar : JobJar.locate(), settings);
            graph.accept(env);
            String id = JobRunner.submit(env, name);
            out.println("job: " + id);
            out.flush();
            return null;
        }
        StreamExecutionEnvironment env = JobRunner.environment(settings);
        graph.accept(env);
        run.announceMetrics();
        return JobRunner.runLocally(env, name, settings.savepointDir(), run.quiet ? null : progress, 2000, System.err);
    }
}

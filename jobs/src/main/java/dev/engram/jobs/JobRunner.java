package dev.engram.jobs;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job graph runs: on an embedded MiniCluster until its sources end ({@link #environment}
 * then {@link #runLocally}; Ctrl-C stops it with a savepoint), or submitted to a cluster over REST
 * ({@link #remoteEnvironment} then {@link #submit}), where the command returns once the cluster has
 * the job.
 */
public final class JobRunner {
    private JobRunner() {}

    /** The result of a local run: its Flink result, or the savepoint it was stopped with (Ctrl-C). */
    public record LocalRun(JobExecutionResult result, String savepoint, double seconds) {}

    /**
     * The environment of a local run: an embedded MiniCluster with {@code settings}, native caches and
     * temp files under the work dir (so nothing is left in /tmp). Under {@code flink run} Flink's
     * context environment wins and the job goes to that cluster.
     */
    public static StreamExecutionEnvironment environment(EngineSettings settings) {
        nativeCache(settings.workDir());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings.configuration());
        env.setParallelism(settings.parallelism());
        return env;
    }

    /** The environment of a remote submission to {@code cluster} ({@code HOST:PORT} or a URL), shipping {@code jobJar}. */
    public static StreamExecutionEnvironment remoteEnvironment(String cluster, Path jobJar, EngineSettings settings) {
        URI rest = restUri(cluster);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(),
                settings.configuration(), jobJar.toAbsolutePath().toString());
        env.setParallelism(settings.parallelism());
        return env;
    }

    /** {@code HOST:PORT} or {@code http(s)://HOST:PORT[/]} as a URI; refuses anything else naming the value. */
    public static URI restUri(String cluster) {
        String text = cluster.contains("://") ? cluster : "http://" + cluster;
        URI u = URI.create(text);
        if (u.getHost() == null || u.getPort() < 1) {
            throw new IllegalArgumentException("--cluster '" + cluster + "' is not HOST:PORT or http://HOST:PORT");
        }
        return u;
    }

    /** Submits the graph built in {@code env} and returns the job id once the cluster has it. */
    public static String submit(StreamExecutionEnvironment env, String name) throws Exception {
        JobClient client = env.executeAsync(name);
        return client.getJobID().toHexString();
    }

    /**
     * Runs the graph built in {@code env} until it ends, calling {@code progress} every
     * {@code progressMs} from this thread. Ctrl-C (SIGINT/SIGTERM) stops the job with a savepoint
     * under {@code savepointDir} and reports {@code savepoint: PATH} on {@code err}.
     */
    public static LocalRun runLocally(StreamExecutionEnvironment env, String name, String savepointDir, Runnable progress,
            long progressMs, PrintStream err) throws Exception {
        long t0 = System.nanoTime();
        JobClient client = env.executeAsync(name);
        CompletableFuture<String> savepoint = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            try {
                String path = client.stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
                err.println("savepoint: " + path);
                err.flush();
                savepoint.complete(path);
            } catch (Exception e) {
                err.println("engram: could not stop with a savepoint: " + e.getMessage());
                savepoint.complete(null);
            }
        }, "engram-stop-with-savepoint");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
            while (true) {
                try {
                    JobExecutionResult r = result.get(Math.max(50, progressMs), TimeUnit.MILLISECONDS);
                    if (progress != null) progress.run();
                    return new LocalRun(r, null, (System.nanoTime() - t0) / 1e9);
                } catch (TimeoutException running) {
                    if (progress != null) progress.run();
                } catch (ExecutionException e) {
                    if (savepoint.isDone()) return new LocalRun(null, savepoint.getNow(null), (System.nanoTime() - t0) / 1e9);
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new IllegalStateException("job " + name + " failed: " + rootMessage(cause), cause);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports the savepoint itself
            }
        }
    }

    /** The innermost message of a failure chain: the one that names the input or option. */
    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private static void nativeCache(Path workDir) {
        if (workDir != null && System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", workDir.resolve("javacpp-cache").toAbsolutePath().toString());
        }
    }
}

package dev.engram.jobs.cli;

import dev.engram.jobs.JobRunner;
import dev.engram.jobs.dashboard.DashboardAddress;
import dev.engram.jobs.dashboard.DashboardModel;
import dev.engram.jobs.dashboard.DashboardServer;
import dev.engram.jobs.dashboard.FlinkRestMetrics;
import dev.engram.jobs.dashboard.PreviewSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram dashboard --cluster HOST:PORT}: the live dashboard of every running job of a Flink
 * cluster, read through the cluster's REST API, with previews from the folder the jobs' preview sink
 * writes ({@code engram run … --cluster} writes them to {@code <sink>/previews}). Runs until Ctrl-C.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the live dashboard of the jobs running on a Flink cluster (metrics through its REST API), until Ctrl-C.")
final class DashboardCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "HOST:PORT|URL", required = true, description = "The cluster's REST endpoint.")
    String cluster;

    @Option(names = "--previews", paramLabel = "DIR",
            description = "Folder of the jobs' previews (<sink>/previews of engram run --cluster), readable from this machine.")
    Path previews;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws Exception {
        String where = dashboard.dashboard == null ? "0" : dashboard.dashboard;
        if (where.equalsIgnoreCase("off")) throw new CommandLine.ParameterException(spec.commandLine(), "--dashboard off: nothing to serve");
        DashboardAddress address = DashboardAddress.parse(where, dashboard.allowRemote);
        FlinkRestMetrics metrics = new FlinkRestMetrics(JobRunner.restUri(cluster));
        PreviewSource pictures = previews == null ? PreviewSource.none() : PreviewSource.folder(previews.toAbsolutePath());
        CountDownLatch stop = new CountDownLatch(1);
        try (DashboardServer server = DashboardServer.start(address, new DashboardModel(metrics, pictures, LiveDashboard.STALL_MS))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("dashboard: " + server.uri());
            out.flush();
            Thread hook = new Thread(stop::countDown, "engram-dashboard-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
        }
        return 0;
    }
}

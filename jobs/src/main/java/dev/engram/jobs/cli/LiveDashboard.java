package dev.engram.jobs.cli;

import dev.engram.connectors.sink.preview.LivePreviews;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.dashboard.DashboardAddress;
import dev.engram.jobs.dashboard.DashboardModel;
import dev.engram.jobs.dashboard.DashboardServer;
import dev.engram.jobs.dashboard.LocalMetrics;
import dev.engram.jobs.dashboard.LocalMetricsReporter;
import dev.engram.jobs.dashboard.PreviewSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;

/**
 * The dashboard of a job that runs in this process (the embedded MiniCluster): metrics straight from
 * Flink's metric system through {@link LocalMetricsReporter}, previews through a channel of
 * {@link LivePreviews}. Started before the job so its address can be printed first; closed after.
 */
final class LiveDashboard implements AutoCloseable {
    /** A stream without a new record for this long is flagged as stalled. */
    static final long STALL_MS = 15_000;

    private final String channel;
    private final DashboardServer server;

    private LiveDashboard(String channel, DashboardServer server) {
        this.channel = channel;
        this.server = server;
    }

    /** Starts the dashboard {@code options} ask for and prints {@code dashboard: URL}; null when none was asked for. */
    static LiveDashboard start(DashboardOptions options, PrintWriter out) throws IOException {
        if (options == null || !options.wanted()) return null;
        DashboardAddress address = DashboardAddress.parse(options.dashboard, options.allowRemote);
        String channel = "run-" + UUID.randomUUID();
        DashboardModel model = new DashboardModel(new LocalMetrics(), PreviewSource.live(channel), STALL_MS);
        LiveDashboard d = new LiveDashboard(channel, DashboardServer.start(address, model));
        out.println("dashboard: " + d.server.uri());
        out.flush();
        return d;
    }

    /** The engine settings with the in-process metric reporter this dashboard reads. */
    static EngineSettings withReporter(EngineSettings settings) {
        return settings.withFlinkOption(LocalMetricsReporter.FACTORY_OPTION, LocalMetricsReporter.Factory.class.getName());
    }

    /** Where the job's previews go for this dashboard. */
    JobGraphs.PreviewTarget previews() {
        return JobGraphs.PreviewTarget.live(channel);
    }

    DashboardServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        LivePreviews.close(channel);
    }
}

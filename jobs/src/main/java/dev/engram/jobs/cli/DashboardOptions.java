package dev.engram.jobs.cli;

import picocli.CommandLine.Option;

/** Where a command serves the live dashboard; shared by {@code demo}, {@code run} and {@code dashboard}. */
final class DashboardOptions {
    @Option(names = "--dashboard", paramLabel = "[HOST:]PORT",
            description = "Serve the live dashboard at http://HOST:PORT/ while the job runs (HOST defaults to 127.0.0.1; "
                    + "port 0 picks a free one; 'off' for none).")
    String dashboard;

    @Option(names = "--dashboard-allow-remote",
            description = "Allow --dashboard on a non-loopback address (the dashboard has no login and shows camera pictures).")
    boolean allowRemote;

    /** Whether a dashboard was asked for. */
    boolean wanted() {
        return dashboard != null && !dashboard.equalsIgnoreCase("off");
    }
}

package dev.engram.jobs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code engram.jar}. Exit codes: 0 success, 2 bad usage (unknown flag, bad value),
 * 1 failure (missing input, job failure); errors are one line on stderr.
 */
@Command(name = "engram", mixinStandardHelpOptions = true, versionProvider = EngramCli.Version.class,
        description = "Streaming engine for camera and event-camera data with bounded operator memory, on Apache Flink.",
        subcommands = {DemoCommand.class, RunCommand.class, StopCommand.class, DashboardCommand.class, ClusterCommand.class, KafkaCommand.class,
                ProduceCommand.class, ConsumeCommand.class, ReplayCommand.class, VosCommand.class, EventsCommand.class, TtaCommand.class,
                BenchCommand.class})
public final class EngramCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code. */
    public static int run(String... args) {
        return run(null, args);
    }

    /** Runs the CLI with its standard output going to {@code out} (null: System.out). */
    static int run(PrintWriter out, String... args) {
        CommandLine cli = new CommandLine(new EngramCli());
        if (out != null) cli.setOut(out);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("engram: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("engram.debug")) e.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EngramCli.class.getPackage().getImplementationVersion();
            return new String[] {"engram " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Apache Flink 2.2.1, Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}

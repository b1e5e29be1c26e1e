package dev.engram.jobs.cli;

import dev.engram.jobs.cluster.ClusterLayout;
import dev.engram.jobs.cluster.LocalCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram cluster start|status|add-taskmanager|stop}: a multi-process Flink cluster on this machine. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A Flink session cluster on this machine: a JobManager and TaskManagers as separate JVMs, bound to 127.0.0.1.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.AddTaskManager.class, ClusterCommand.Stop.class})
final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (start, status, add-taskmanager, stop)");
    }

    static class DirOption {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "engram-cluster",
                description = "The cluster's folder: conf/, pids/, log/, tmp/, checkpoints/, savepoints/ (default: ${DEFAULT-VALUE}).")
        Path dir;

        LocalCluster cluster() {
            return new LocalCluster(new ClusterLayout(dir));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a JobManager and N TaskManagers; returns once all registered and prints rest: http://127.0.0.1:PORT.")
    static final class Start implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DirOption dir = new DirOption();
        @Option(names = "--taskmanagers", paramLabel = "N", defaultValue = "2", description = "TaskManagers to start (default: ${DEFAULT-VALUE}).")
        int taskManagers;
        @Option(names = "--slots", paramLabel = "S", defaultValue = "1", description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "REST and web UI port (default: a free port).")
        int port;

        @Override
        public Integer call() throws Exception {
            String rest = dir.cluster().start(taskManagers, slots, port);
            PrintWriter out = spec.commandLine().getOut();
            out.println("rest: " + rest);
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Print the REST address, each process and whether it runs.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.print(dir.cluster().status());
            out.flush();
            return 0;
        }
    }

    @Command(name = "add-taskmanager", mixinStandardHelpOptions = true, description = "Start one more TaskManager and wait until it registered.")
    static final class AddTaskManager implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Override
        public Integer call() throws Exception {
            int n = dir.cluster().addTaskManager();
            PrintWriter out = spec.commandLine().getOut();
            out.println("taskmanager: " + n);
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every process of the cluster (SIGTERM, then a forced kill after 15 s).")
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DirOption dir = new DirOption();

        @Override
        public Integer call() throws Exception {
            int n = dir.cluster().stop();
            PrintWriter out = spec.commandLine().getOut();
            out.println("stopped: " + n + " processes");
            out.flush();
            return 0;
        }
    }
}

package dev.engram.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engram bench}: long-stream benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchVosCommand.class, BenchEventsCommand.class, BenchFaultsCommand.class, BenchPipelineCommand.class,
                BenchOverloadCommand.class, BenchDashboardCommand.class, BenchSegmenterCommand.class, BenchBackboneCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}

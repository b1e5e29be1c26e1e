package dev.engram.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engram vos}: video object segmentation commands. */
@Command(name = "vos", mixinStandardHelpOptions = true, description = "Video object segmentation.",
        subcommands = {VosEvalCommand.class, VosSegmentCommand.class})
final class VosCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}

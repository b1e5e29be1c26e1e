package dev.engram.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how a job runs; shared by every subcommand. */
final class RunOptions {
    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/engram-work",
            description = "Folder for Flink temp files and the native-library cache (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Parallelism of the segmentation operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;
}

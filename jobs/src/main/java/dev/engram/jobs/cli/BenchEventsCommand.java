package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.jobs.events.EventsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram bench events --json OUT}: decode rate per format, LSM throughput at 1,000 neurons
 * (plain and through the Flink job) and memory per stream over a 10-minute emulated stream
 * ({@link EventsBench}). Defaults run in about two minutes on two cores.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Event decoding rate per format, reservoir throughput and memory per stream.")
final class BenchEventsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Shared data folder with events/ and mnist/ (default: $ENGRAM_DATA).")
    Path data;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Option(names = "--decode-runs", paramLabel = "N", defaultValue = "9", description = "Measured decode runs per format (default: ${DEFAULT-VALUE}).")
    int decodeRuns;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Measured passes over the digits (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000", description = "N-MNIST digits per pass (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--stream-seconds", paramLabel = "S", defaultValue = "600", description = "Length of the emulated stream (default: ${DEFAULT-VALUE}).")
    long streamSeconds;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "1000", description = "Reservoir size (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (decodeRuns < 1 || repeats < 1 || samples < 1 || neurons < 1 || streamSeconds < 1) {
            throw new CommandLine.ParameterException(cl, "--decode-runs, --repeats, --samples, --neurons and --stream-seconds must be positive");
        }
        Path root = data != null ? data : DataFolder.orFail("--data");
        if (!Files.isDirectory(root.resolve("events/nmnist/Train"))) {
            throw new IllegalArgumentException(root + ": no events/nmnist/Train here (pass --data DIR)");
        }
        Map<String, Object> figures = EventsBench.run(new EventsBench.Settings(root, decodeRuns, repeats, samples, streamSeconds, neurons),
                run.settings(1), line -> {
                    cl.getOut().println(line);
                    cl.getOut().flush();
                });
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), figures);
            cl.getOut().println("json: " + json.toAbsolutePath());
        }
        cl.getOut().flush();
        return 0;
    }
}

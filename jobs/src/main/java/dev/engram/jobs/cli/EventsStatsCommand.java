package dev.engram.jobs.cli;

import dev.engram.snn.events.EventDecoder;
import dev.engram.snn.events.EventStats;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram events stats FILE}: one streaming pass over a recording, printing and optionally
 * writing {@code {"format","events","width","height","tFirstUs","tLastUs","on","off",
 * "sensorSizeKnown","truncated"}} ({@link EventStats#toJson}). Width and height are the sensor size
 * the file states, else the largest coordinate + 1. A truncated file is summarised up to its last
 * whole event (exit 0, {@code truncated} says where); a file that cannot be decoded exits 1 naming
 * the file and byte offset.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Count the events of a recording in one pass.")
final class EventsStatsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
    Path file;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", converter = EventsCommand.FormatConverter.class,
            description = "auto|nmnist|evt2|evt3|dat|aedat4|es|csv|wav|pcm (default: ${DEFAULT-VALUE}: header, then extension).")
    String format;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the JSON to OUT.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        EventStats stats;
        try (EventDecoder decoder = EventDecoder.open(file, format)) {
            stats = EventStats.of(decoder);
        }
        String text = stats.toJson();
        PrintWriter o = spec.commandLine().getOut();
        o.println(text);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(json, text + "\n", StandardCharsets.UTF_8);
        }
        o.flush();
        return 0;
    }
}

package dev.engram.snn.events;

import dev.engram.snn.bench.DecodeThroughput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Single-threaded decode throughput per format, from memory (so the page cache and disk are out of
 * the measurement). Inputs are the shared recordings, their event bodies repeated to 4-15 million
 * events so each run takes tens of milliseconds ({@link DecodeThroughput#sharedInputs}). Prints the
 * median of the measured runs.
 *
 * <p>Run: {@code java -cp snn/target/classes:snn/target/test-classes:<lz4-java jar> dev.engram.snn.events.EventDecodeBench [data/events] [runs]}
 */
public final class EventDecodeBench {
    private EventDecodeBench() {}

    public static void main(String[] args) throws IOException {
        Path events = Path.of(args.length > 0 ? args[0] : "../shared/data/events");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.printf(Locale.ROOT, "%-7s %12s %10s %12s %12s%n", "format", "events", "MB", "median Mev/s", "min..max");
        for (DecodeThroughput.Input input : DecodeThroughput.sharedInputs(events)) {
            int measured = runs * input.runsFactor();
            DecodeThroughput.DecodeRate r = DecodeThroughput.measure(input, runs, Math.max(5, measured / 2));
            System.out.printf(Locale.ROOT, "%-7s %12d %10.1f %12.1f %6.1f..%.1f%n", r.format(), r.events(), r.bytes() / 1e6,
                    r.medianMeventsPerSecond(), r.minMeventsPerSecond(), r.maxMeventsPerSecond());
        }
    }
}

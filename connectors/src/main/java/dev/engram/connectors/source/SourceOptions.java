package dev.engram.connectors.source;

import dev.engram.memory.Option;
import java.util.List;

/** Options of Engram's sources, each declared once with key, default and one sentence. */
public final class SourceOptions {
    private SourceOptions() {}

    public static final Option<Integer> MAX_OPEN_STREAMS = Option.ofInt("source.max-open-streams", 16,
            "Streams one source reader reads in turn; further streams assigned to it wait, in order, until one ends.");
    public static final Option<Long> WATCH_INTERVAL_MS = Option.ofLong("source.watch-interval-ms", 2000,
            "How often a watch: source lists its folder for new inputs; a file is taken once its size held for one interval.");
    public static final Option<Integer> EVENT_CHUNK = Option.ofInt("source.event-chunk", 65536,
            "Events per chunk an event-recording reader emits.");
    public static final Option<Integer> DIGIT_BATCH = Option.ofInt("source.digit-batch", 64,
            "Digits per batch of an mnist: source.");

    public static final List<Option<?>> ALL = List.of(MAX_OPEN_STREAMS, WATCH_INTERVAL_MS, EVENT_CHUNK, DIGIT_BATCH);
}

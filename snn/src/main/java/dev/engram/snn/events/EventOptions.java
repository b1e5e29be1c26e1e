package dev.engram.snn.events;

import dev.engram.memory.Option;

/** Options of event decoding; CLI flags of {@code engram events} map onto these keys. */
public final class EventOptions {
    private EventOptions() {}

    public static final Option<String> FORMAT = Option.ofString("events.format", "auto",
            "Recording format: auto (detect from header, then extension), nmnist, evt2, evt3, dat, aedat4, es, csv, wav or pcm (audio through the cochlea emulator).");

    public static final Option<Integer> BATCH_EVENTS = Option.ofInt("events.batch-events", EventBatch.DEFAULT_CAPACITY,
            "Events per decoded batch; each slot holds 17 bytes.");

    public static final Option<String> CSV_COLUMNS = Option.ofString("events.csv.columns", "",
            "Column order of text events such as t,x,y,p ('_' skips a column); empty takes it from the header, else x,y,p,t.");

    public static final Option<String> CSV_TIME_UNIT = Option.ofString("events.csv.time-unit", "us",
            "Unit of the text time column: ns, us, ms or s.");
}

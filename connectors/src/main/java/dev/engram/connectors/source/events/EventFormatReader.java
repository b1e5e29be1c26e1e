package dev.engram.connectors.source.events;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.reader.SplitFormat;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.events.EventChunk;
import java.io.IOException;

/** Opens event streams: recordings in any format the snn decoders read, and emulated synthetic event cameras. */
public final class EventFormatReader implements SplitFormat<EventChunk> {
    private static final long serialVersionUID = 1L;

    @Override
    public SplitCursor<EventChunk> open(StreamSplit split) throws IOException {
        return switch (split.kind()) {
            case EVENT_RECORDING -> new EventRecordingCursor(split);
            case SYNTHETIC_EVENTS -> new SyntheticEventsCursor(split);
            default -> throw new IllegalArgumentException("an event source cannot read " + split.kind() + " " + split.location());
        };
    }
}

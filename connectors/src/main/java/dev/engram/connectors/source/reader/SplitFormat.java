package dev.engram.connectors.source.reader;

import dev.engram.connectors.source.split.StreamSplit;
import java.io.IOException;
import java.io.Serializable;

/**
 * Opens cursors over the splits of one source: the part of a source that knows a file format or a
 * generator. Serialized into the job with the source.
 *
 * @param <T> the record type
 */
public interface SplitFormat<T> extends Serializable {
    /**
     * A cursor at {@code split.position()}: seeking where the format allows, otherwise decoding
     * forward without emitting. Input that cannot be opened is not an exception: the cursor then
     * yields one dead letter naming it, and ends.
     */
    SplitCursor<T> open(StreamSplit split) throws IOException;
}

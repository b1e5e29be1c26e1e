package dev.engram.connectors.source.reader;

import dev.engram.operators.InputRecord;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads one stream's records in order, starting at the position its split was opened at. Bad content
 * is never an exception: a frame, chunk or batch that cannot be decoded comes back as an
 * {@link InputRecord} carrying a dead letter (reason, original bytes, offset), and the cursor moves
 * on past it. An {@link IOException} means the medium itself failed; the task then restarts from its
 * last checkpoint.
 *
 * @param <T> the record type
 */
public interface SplitCursor<T> extends Closeable {
    /** The next record or dead letter, or null when the stream has ended. Advances {@link #position()} by one unless null. */
    InputRecord<T> next() throws IOException;

    /** Records (and dead letters) emitted so far: where a restored cursor starts. */
    long position();

    /** Nanoseconds until the next record is due (a rate-limited synthetic camera); 0 when it may be read now. */
    default long nanosUntilNext() {
        return 0;
    }
}

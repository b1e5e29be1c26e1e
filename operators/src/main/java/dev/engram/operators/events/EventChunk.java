package dev.engram.operators.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * A slice of one recording's events in struct-of-arrays form ({@code x[i], y[i], polarity[i], tUs[i]}),
 * as sources emit them. Chunks of a stream arrive in recording order; the last chunk of a file has
 * {@link #endOfFile} set. When the file could not be decoded to its end (truncated, corrupt, unknown
 * format), its last chunk carries the {@link #problem} and the byte {@link #problemOffset}: the events
 * before it are still delivered, and consumers turn the problem into a dead letter.
 *
 * <p>Polarity is 1 for ON and 0 for OFF; times are microseconds on the recording's clock. The sensor
 * size is the one the file states, or the observed maximum coordinate + 1 when it states none.
 * A public-field POJO so Flink serializes it without Kryo.
 */
public class EventChunk {
    /** Stream (sensor) key: the file name for a single file, the path under the input folder otherwise. */
    public String streamId;
    /** The file the events come from. */
    public String origin;
    /** Position of this chunk within its file, from 0. */
    public long chunk;
    /** Whether this is the last chunk of its file. */
    public boolean endOfFile;
    /** Class label of the file when it comes from a labelled folder ({@code <label>/<file>}), else -1. */
    public int label = -1;
    public int width;
    public int height;
    public int[] x;
    public int[] y;
    public byte[] polarity;
    public long[] tUs;
    /** Why the file ends here although its bytes do not, or null. */
    public String problem;
    /** Byte offset in the file where decoding stopped, or -1 when there is no problem or it is unknown. */
    public long problemOffset = -1;

    public EventChunk() {}

    /** A chunk holding copies of the first {@code n} events of the given arrays. */
    public static EventChunk of(String streamId, String origin, long chunk, int width, int height,
            int[] x, int[] y, byte[] polarity, long[] tUs, int n) {
        EventChunk c = new EventChunk();
        c.streamId = streamId;
        c.origin = origin;
        c.chunk = chunk;
        c.width = width;
        c.height = height;
        c.x = Arrays.copyOf(x, n);
        c.y = Arrays.copyOf(y, n);
        c.polarity = Arrays.copyOf(polarity, n);
        c.tUs = Arrays.copyOf(tUs, n);
        return c;
    }

    /** Number of events in the chunk. */
    public int size() {
        return tUs == null ? 0 : tUs.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventChunk c && chunk == c.chunk && endOfFile == c.endOfFile && label == c.label
                && width == c.width && height == c.height && problemOffset == c.problemOffset
                && Objects.equals(streamId, c.streamId) && Objects.equals(origin, c.origin)
                && Arrays.equals(x, c.x) && Arrays.equals(y, c.y) && Arrays.equals(polarity, c.polarity)
                && Arrays.equals(tUs, c.tUs) && Objects.equals(problem, c.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, origin, chunk, size());
    }

    @Override
    public String toString() {
        return "EventChunk{" + streamId + "#" + chunk + ", " + size() + " events" + (endOfFile ? ", end" : "")
                + (problem == null ? "" : ", problem @ " + problemOffset + ": " + problem) + "}";
    }
}

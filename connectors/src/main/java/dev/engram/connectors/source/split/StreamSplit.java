package dev.engram.connectors.source.split;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream of a source: a video file, an image-folder sequence, an event recording, a synthetic
 * camera, a digit stream. A split is read by one reader at a time, in order, so the stream's records
 * keep their order; {@link #position} counts the records already emitted, and a restored reader
 * resumes there without emitting any record twice.
 *
 * <p>Immutable apart from the position a reader advances; {@link #at} makes the copy a checkpoint
 * holds.
 */
public final class StreamSplit implements SourceSplit, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final SplitKind kind;
    private final String location;
    private final String masks;
    private final int label;
    private final long limit;
    private final String parameters;
    private long position;

    /**
     * @param streamId the stream id, unique within the source; also the split id
     * @param kind what {@code location} is
     * @param location a path or URI (absolute), or the generator's description
     * @param masks folder of masks for this stream ({@code <index>.png}) for sources without their own, or null
     * @param label class label of the whole stream (labelled folders), else -1
     * @param limit most records to read; -1 for all
     * @param parameters kind-specific settings as {@code key=value;…} text (seed, size, rate…), or ""
     * @param position records already emitted
     */
    public StreamSplit(String streamId, SplitKind kind, String location, String masks, int label, long limit,
            String parameters, long position) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.location = Objects.requireNonNull(location, "location");
        this.masks = masks;
        this.label = label;
        this.limit = limit;
        this.parameters = parameters == null ? "" : parameters;
        this.position = position;
    }

    public static StreamSplit of(String streamId, SplitKind kind, String location) {
        return new StreamSplit(streamId, kind, location, null, -1, -1, "", 0);
    }

    @Override
    public String splitId() {
        return streamId;
    }

    public String streamId() { return streamId; }
    public SplitKind kind() { return kind; }
    public String location() { return location; }
    public String masks() { return masks; }
    public int label() { return label; }
    public long limit() { return limit; }
    public String parameters() { return parameters; }
    public long position() { return position; }

    /** Moves the position on; only the reader that owns the split calls this. */
    public void advanceTo(long newPosition) {
        if (newPosition < position) throw new IllegalArgumentException("position may only grow: " + position + " -> " + newPosition);
        position = newPosition;
    }

    /** A copy at {@code newPosition}. */
    public StreamSplit at(long newPosition) {
        return new StreamSplit(streamId, kind, location, masks, label, limit, parameters, newPosition);
    }

    public StreamSplit withMasks(String maskFolder) {
        return new StreamSplit(streamId, kind, location, maskFolder, label, limit, parameters, position);
    }

    public StreamSplit withParameters(String text) {
        return new StreamSplit(streamId, kind, location, masks, label, limit, text, position);
    }

    public StreamSplit withLimit(long maxRecords) {
        return new StreamSplit(streamId, kind, location, masks, label, maxRecords, parameters, position);
    }

    /** The value of {@code key} in {@link #parameters}, or {@code fallback}. */
    public String parameter(String key, String fallback) {
        for (String pair : parameters.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) return pair.substring(eq + 1);
        }
        return fallback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamSplit s && label == s.label && limit == s.limit && position == s.position
                && streamId.equals(s.streamId) && kind == s.kind && location.equals(s.location)
                && Objects.equals(masks, s.masks) && parameters.equals(s.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, kind, location, position);
    }

    @Override
    public String toString() {
        return "StreamSplit{" + streamId + ", " + kind + " " + location + " @" + position
                + (limit >= 0 ? "/" + limit : "") + "}";
    }
}

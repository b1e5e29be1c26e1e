package dev.engram.operators;

import java.util.Objects;

/**
 * A frame (or a reference to one) that could not be processed, with the reason. Dead letters go to
 * a side output; the job and the other streams continue.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class DeadLetter {
    public String streamId;
    public long index;
    /** The file, URL or generator the frame came from, or null. */
    public String origin;
    /** Why the frame was dropped, in a sentence that names the input. */
    public String reason;

    public DeadLetter() {}

    public DeadLetter(String streamId, long index, String origin, String reason) {
        this.streamId = streamId;
        this.index = index;
        this.origin = origin;
        this.reason = reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && index == d.index && Objects.equals(streamId, d.streamId)
                && Objects.equals(origin, d.origin) && Objects.equals(reason, d.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, index, origin, reason);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + streamId + "#" + index + (origin == null ? "" : " (" + origin + ")") + ": " + reason + "}";
    }
}

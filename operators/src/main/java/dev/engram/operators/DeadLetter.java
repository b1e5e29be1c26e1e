package dev.engram.operators;

import java.util.Arrays;
import java.util.Objects;

/**
 * Input that could not be processed, with the reason and, where the step had them, the original
 * bytes (capped at the failing frame, chunk or packet; {@link #MAX_BYTES} at most) and their byte
 * offset in the input. Dead letters go to a side output and on to the dead-letter sink; the job and
 * the other streams continue, and good input is never dropped with a bad one.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class DeadLetter {
    /** Most original bytes a dead letter carries; longer input is cut (the offset still says where it was). */
    public static final int MAX_BYTES = 1 << 20;

    public String streamId;
    /** Position in the stream: frame index, chunk or batch number; -1 when unknown. */
    public long index;
    /** The file, URL or generator the input came from, or null. */
    public String origin;
    /** Why the input was dropped, in a sentence that names the input. */
    public String reason;
    /** The step that refused it: {@code source}, {@code decode}, {@code segment}, {@code encode}, {@code adapt}, … */
    public String stage;
    /** The original bytes of the failing unit (capped at {@link #MAX_BYTES}), or null when the step had none. */
    public byte[] bytes;
    /** Byte offset of {@link #bytes} (or of the failure) in {@link #origin}, or -1 when unknown. */
    public long byteOffset = -1;
    /** Where a record read from a Kafka topic came from (topic, partition, offset, key), for replay; unset otherwise. */
    public String sourceTopic;
    public int sourcePartition = -1;
    public long sourceOffset = -1;
    public byte[] sourceKey;

    public DeadLetter() {}

    public DeadLetter(String streamId, long index, String origin, String reason) {
        this.streamId = streamId;
        this.index = index;
        this.origin = origin;
        this.reason = reason;
    }

    /** Sets the stage. */
    public DeadLetter at(String stage) {
        this.stage = stage;
        return this;
    }

    /** Attaches the original bytes (copied, cut at {@link #MAX_BYTES}) found at {@code offset}. */
    public DeadLetter withBytes(byte[] original, long offset) {
        this.bytes = original == null ? null : Arrays.copyOf(original, Math.min(original.length, MAX_BYTES));
        this.byteOffset = offset;
        return this;
    }

    /** Records the Kafka coordinates of the refused record. */
    public DeadLetter fromTopic(String topic, int partition, long offset, byte[] key) {
        this.sourceTopic = topic;
        this.sourcePartition = partition;
        this.sourceOffset = offset;
        this.sourceKey = key;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && index == d.index && byteOffset == d.byteOffset
                && Objects.equals(streamId, d.streamId) && Objects.equals(origin, d.origin)
                && Objects.equals(reason, d.reason) && Objects.equals(stage, d.stage) && Arrays.equals(bytes, d.bytes)
                && Objects.equals(sourceTopic, d.sourceTopic) && sourcePartition == d.sourcePartition && sourceOffset == d.sourceOffset
                && Arrays.equals(sourceKey, d.sourceKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, index, origin, reason, stage);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + streamId + "#" + index + (stage == null ? "" : " [" + stage + "]")
                + (origin == null ? "" : " (" + origin + ")") + ": " + reason
                + (bytes == null ? "" : ", " + bytes.length + " bytes @ " + byteOffset) + "}";
    }
}

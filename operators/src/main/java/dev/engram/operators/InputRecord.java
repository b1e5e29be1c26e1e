package dev.engram.operators;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a source hands to a learner operator for one stream: a record, a dead letter (input the
 * source could not turn into a record, with its reason and original bytes), a record with a dead
 * letter about a part of it that was dropped (say, an unreadable ground-truth mask of a good frame),
 * or the marker that the stream has ended (its split is exhausted). {@link #streamId} is always set:
 * it is the key, so a stream's records, dead letters and end marker reach the same operator instance
 * in source order.
 *
 * <p>A public-field POJO; {@link #typeInfo} gives Flink the field types so no Kryo is involved.
 *
 * @param <T> the record type (a frame, an event chunk, a digit batch)
 */
public class InputRecord<T> {
    public String streamId;
    public T value;
    public DeadLetter deadLetter;
    public boolean endOfStream;
    /** A live source's health report, travelling with the stream to the outputs; such a record carries nothing else. */
    public SourceHealth health;

    public InputRecord() {}

    public static <T> InputRecord<T> of(String streamId, T value) {
        InputRecord<T> r = new InputRecord<>();
        r.streamId = streamId;
        r.value = value;
        return r;
    }

    /** A record and, when {@code problem} is not null, the dead letter of a part of it that was dropped. */
    public static <T> InputRecord<T> withProblem(String streamId, T value, DeadLetter problem) {
        InputRecord<T> r = of(streamId, value);
        r.deadLetter = problem;
        return r;
    }

    public static <T> InputRecord<T> dead(DeadLetter letter) {
        InputRecord<T> r = new InputRecord<>();
        r.streamId = letter.streamId;
        r.deadLetter = letter;
        return r;
    }

    public static <T> InputRecord<T> health(SourceHealth health) {
        InputRecord<T> r = new InputRecord<>();
        r.streamId = health.streamId;
        r.health = health;
        return r;
    }

    public static <T> InputRecord<T> end(String streamId) {
        InputRecord<T> r = new InputRecord<>();
        r.streamId = streamId;
        r.endOfStream = true;
        return r;
    }

    public String streamId() {
        return streamId;
    }

    /** Flink type information of an input record of {@code valueType}: a POJO with typed fields. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TypeInformation<InputRecord<T>> typeInfo(Class<T> valueType) {
        return (TypeInformation) Types.POJO(InputRecord.class, Map.of("streamId", Types.STRING,
                "value", TypeInformation.of(valueType), "deadLetter", TypeInformation.of(DeadLetter.class),
                "endOfStream", Types.BOOLEAN, "health", TypeInformation.of(SourceHealth.class)));
    }

    @Override
    public String toString() {
        return "InputRecord{" + streamId + ", " + (endOfStream ? "end of stream" : health != null ? health : deadLetter != null ? deadLetter : value) + "}";
    }
}

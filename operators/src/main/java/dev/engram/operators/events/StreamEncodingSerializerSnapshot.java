package dev.engram.operators.events;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The savepoint-side description of {@link StreamEncodingSerializer}: records the stream-encoding
 * block version written; restores accept the versions this build reads and refuse others by name.
 */
public final class StreamEncodingSerializerSnapshot extends VersionedStateSerializerSnapshot<StreamEncoding> {
    public StreamEncodingSerializerSnapshot() {
        super("stream encoding", StreamEncoding.VERSION, StreamEncoding.VERSION);
    }

    @Override
    public TypeSerializer<StreamEncoding> restoreSerializer() {
        return StreamEncodingSerializer.INSTANCE;
    }
}

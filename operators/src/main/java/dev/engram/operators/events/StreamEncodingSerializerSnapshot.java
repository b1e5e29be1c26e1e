package dev.engram.operators.events;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The savepoint-side description of {@link StreamEncodingSerializer}. Version 1 stores no
 * configuration: every state block carries its own version, options and sensor size. A snapshot of
 * a version up to the current one is compatible as-is; another serializer's snapshot is incompatible.
 */
public final class StreamEncodingSerializerSnapshot extends VersionedStateSerializerSnapshot<StreamEncoding> {
    static final int VERSION = 1;

    public StreamEncodingSerializerSnapshot() {
        super(VERSION, "stream encoding");
    }

    @Override
    public TypeSerializer<StreamEncoding> restoreSerializer() {
        return StreamEncodingSerializer.INSTANCE;
    }
}

package dev.engram.operators;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import dev.engram.vos.OnlineSegmenter;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The savepoint-side description of {@link OnlineSegmenterSerializer}. Version 1 stores no
 * configuration: the segmenter's state block carries its own version and options. A snapshot of
 * any version up to the current one is compatible as-is (the block format is read by
 * {@code OnlineSegmenter.readState}, which refuses versions it does not know); a snapshot of
 * another serializer is incompatible.
 */
public final class OnlineSegmenterSerializerSnapshot extends VersionedStateSerializerSnapshot<OnlineSegmenter> {
    static final int VERSION = 1;

    public OnlineSegmenterSerializerSnapshot() {
        super(VERSION, "segmenter");
    }

    @Override
    public TypeSerializer<OnlineSegmenter> restoreSerializer() {
        return OnlineSegmenterSerializer.INSTANCE;
    }
}

package dev.engram.operators;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import dev.engram.vos.OnlineSegmenter;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The savepoint-side description of {@link OnlineSegmenterSerializer}: records the segmenter state
 * version written ({@link OnlineSegmenter#STATE_VERSION}); restores accept the versions
 * {@code OnlineSegmenter.readState} reads and refuse others with a reason naming the version.
 */
public final class OnlineSegmenterSerializerSnapshot extends VersionedStateSerializerSnapshot<OnlineSegmenter> {
    public OnlineSegmenterSerializerSnapshot() {
        super("segmenter state", OnlineSegmenter.OLDEST_READABLE_STATE_VERSION, OnlineSegmenter.STATE_VERSION);
    }

    @Override
    public TypeSerializer<OnlineSegmenter> restoreSerializer() {
        return OnlineSegmenterSerializer.INSTANCE;
    }
}

package dev.engram.operators;

import dev.engram.vos.OnlineSegmenter;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The savepoint-side description of {@link OnlineSegmenterSerializer}. Version 1 stores no
 * configuration: the segmenter's state block carries its own version and options. A snapshot of
 * any version up to the current one is compatible as-is (the block format is read by
 * {@code OnlineSegmenter.readState}, which refuses versions it does not know); a snapshot of
 * another serializer is incompatible.
 */
public final class OnlineSegmenterSerializerSnapshot implements TypeSerializerSnapshot<OnlineSegmenter> {
    static final int VERSION = 1;

    private int readVersion = VERSION;

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion < 1 || readVersion > VERSION) {
            throw new IOException("unknown segmenter serializer snapshot version " + readVersion
                    + " (this build reads 1.." + VERSION + ")");
        }
        this.readVersion = readVersion;
    }

    @Override
    public TypeSerializer<OnlineSegmenter> restoreSerializer() {
        return OnlineSegmenterSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<OnlineSegmenter> resolveSchemaCompatibility(
            TypeSerializerSnapshot<OnlineSegmenter> oldSerializerSnapshot) {
        if (!(oldSerializerSnapshot instanceof OnlineSegmenterSerializerSnapshot old)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return old.readVersion <= VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

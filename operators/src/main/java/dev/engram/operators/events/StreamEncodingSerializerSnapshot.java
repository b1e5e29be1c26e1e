package dev.engram.operators.events;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The savepoint-side description of {@link StreamEncodingSerializer}. Version 1 stores no
 * configuration: every state block carries its own version, options and sensor size. A snapshot of
 * a version up to the current one is compatible as-is; another serializer's snapshot is incompatible.
 */
public final class StreamEncodingSerializerSnapshot implements TypeSerializerSnapshot<StreamEncoding> {
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
            throw new IOException("unknown stream encoding serializer snapshot version " + readVersion
                    + " (this build reads 1.." + VERSION + ")");
        }
        this.readVersion = readVersion;
    }

    @Override
    public TypeSerializer<StreamEncoding> restoreSerializer() {
        return StreamEncodingSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<StreamEncoding> resolveSchemaCompatibility(
            TypeSerializerSnapshot<StreamEncoding> oldSerializerSnapshot) {
        if (!(oldSerializerSnapshot instanceof StreamEncodingSerializerSnapshot old)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return old.readVersion <= VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

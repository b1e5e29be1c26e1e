package dev.engram.operators.tta;

import dev.engram.tta.AdapterState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Savepoint-side description of {@link AdapterStateSerializer}. Version 1 stores no configuration:
 * each state block carries its own version ({@link AdapterState#VERSION}).
 */
public final class AdapterStateSerializerSnapshot implements TypeSerializerSnapshot<AdapterState> {
    static final int VERSION = 1;

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion < 1 || readVersion > VERSION) {
            throw new IOException("unknown adapter state serializer snapshot version " + readVersion);
        }
    }

    @Override
    public TypeSerializer<AdapterState> restoreSerializer() {
        return AdapterStateSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<AdapterState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<AdapterState> oldSerializerSnapshot) {
        return oldSerializerSnapshot instanceof AdapterStateSerializerSnapshot
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

package dev.engram.operators.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The savepoint-side description of a {@link VersionedStateSerializer}. It stores no configuration:
 * every state block carries its own version and options. A snapshot of any version from 1 up to the
 * current one is compatible as-is (the state's own reader refuses block versions it does not know); a
 * snapshot of another class is incompatible. Reading a snapshot of an unknown version fails with an
 * {@link IOException}.
 *
 * <p>Flink restores a snapshot by its class name through a public no-argument constructor, so each
 * serializer keeps its own final subclass, and that class name must not change.
 *
 * @param <T> the state type
 */
public abstract class VersionedStateSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int currentVersion;
    private final String serializerName;
    private int readVersion;

    /**
     * @param currentVersion the snapshot version this build writes and the highest it reads
     * @param serializerName what the serializer serializes, for messages ("segmenter", "stream encoding")
     */
    protected VersionedStateSerializerSnapshot(int currentVersion, String serializerName) {
        this.currentVersion = currentVersion;
        this.serializerName = serializerName;
        this.readVersion = currentVersion;
    }

    @Override
    public final int getCurrentVersion() {
        return currentVersion;
    }

    @Override
    public final void writeSnapshot(DataOutputView out) {}

    @Override
    public final void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion < 1 || readVersion > currentVersion) {
            throw new IOException("unknown " + serializerName + " serializer snapshot version " + readVersion
                    + " (this build reads 1.." + currentVersion + ")");
        }
        this.readVersion = readVersion;
    }

    @Override
    public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSerializerSnapshot) {
        if (oldSerializerSnapshot == null || oldSerializerSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        VersionedStateSerializerSnapshot<T> old = (VersionedStateSerializerSnapshot<T>) oldSerializerSnapshot;
        return old.readVersion <= currentVersion
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

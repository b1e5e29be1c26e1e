package dev.engram.operators.tta;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import dev.engram.tta.AdapterState;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Savepoint-side description of {@link AdapterStateSerializer}: records the adapter state version
 * written ({@link AdapterState#VERSION}); restores refuse versions this build does not read, by name.
 */
public final class AdapterStateSerializerSnapshot extends VersionedStateSerializerSnapshot<AdapterState> {
    public AdapterStateSerializerSnapshot() {
        super("adapter state", 1, AdapterState.VERSION);
    }

    @Override
    public TypeSerializer<AdapterState> restoreSerializer() {
        return AdapterStateSerializer.INSTANCE;
    }
}

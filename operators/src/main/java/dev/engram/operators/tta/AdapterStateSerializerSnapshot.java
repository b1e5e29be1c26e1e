package dev.engram.operators.tta;

import dev.engram.operators.state.VersionedStateSerializerSnapshot;
import dev.engram.tta.AdapterState;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Savepoint-side description of {@link AdapterStateSerializer}. Version 1 stores no configuration:
 * each state block carries its own version ({@link AdapterState#VERSION}).
 */
public final class AdapterStateSerializerSnapshot extends VersionedStateSerializerSnapshot<AdapterState> {
    static final int VERSION = 1;

    public AdapterStateSerializerSnapshot() {
        super(VERSION, "adapter state");
    }

    @Override
    public TypeSerializer<AdapterState> restoreSerializer() {
        return AdapterStateSerializer.INSTANCE;
    }
}

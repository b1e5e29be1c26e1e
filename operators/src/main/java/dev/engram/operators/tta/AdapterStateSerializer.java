package dev.engram.operators.tta;

import dev.engram.operators.state.VersionedStateSerializer;
import dev.engram.tta.AdapterState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Serializes a stream's {@link AdapterState} (meta-network parameters, optimiser moments, guard
 * statistics) as a length-prefixed block in the state's own versioned format (see
 * {@link VersionedStateSerializer}). Failure: a block of an unknown version fails the restore with an
 * {@link IOException}.
 */
public final class AdapterStateSerializer extends VersionedStateSerializer<AdapterState> {
    private static final long serialVersionUID = 1L;
    public static final AdapterStateSerializer INSTANCE = new AdapterStateSerializer();

    public AdapterStateSerializer() {
        super("adapter state");
    }

    @Override
    protected void writeState(AdapterState state, DataOutputStream out) throws IOException {
        state.write(out);
    }

    @Override
    protected AdapterState readState(DataInputStream in) throws IOException {
        return AdapterState.read(in);
    }

    @Override
    protected int initialBufferBytes(AdapterState state) {
        return 1 << 14;
    }

    @Override
    public AdapterState createInstance() {
        return new AdapterState();
    }

    @Override
    public TypeSerializerSnapshot<AdapterState> snapshotConfiguration() {
        return new AdapterStateSerializerSnapshot();
    }
}

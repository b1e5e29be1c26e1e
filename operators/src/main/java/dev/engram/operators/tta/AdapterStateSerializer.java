package dev.engram.operators.tta;

import dev.engram.tta.AdapterState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a stream's {@link AdapterState} (meta-network parameters, optimiser moments, guard
 * statistics) as a length-prefixed block in the state's own versioned format. Failure: a block of an
 * unknown version fails the restore with an {@link IOException}.
 */
public final class AdapterStateSerializer extends TypeSerializer<AdapterState> {
    private static final long serialVersionUID = 1L;
    public static final AdapterStateSerializer INSTANCE = new AdapterStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<AdapterState> duplicate() {
        return this;
    }

    @Override
    public AdapterState createInstance() {
        return new AdapterState();
    }

    @Override
    public AdapterState copy(AdapterState from) {
        if (from == null) return null;
        try {
            return fromBytes(toBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy adapter state", e);
        }
    }

    @Override
    public AdapterState copy(AdapterState from, AdapterState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(AdapterState record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public AdapterState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public AdapterState deserialize(AdapterState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof AdapterStateSerializer;
    }

    @Override
    public int hashCode() {
        return AdapterStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<AdapterState> snapshotConfiguration() {
        return new AdapterStateSerializerSnapshot();
    }

    static byte[] toBytes(AdapterState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.write(out);
        }
        return bytes.toByteArray();
    }

    static AdapterState fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return AdapterState.read(in);
        }
    }
}

package dev.engram.connectors.source.enumerator;

import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.connectors.source.split.StreamSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint form of {@link EnumeratorState}, version 1; an unknown version fails the restore naming it. */
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {
    public static final EnumeratorStateSerializer INSTANCE = new EnumeratorStateSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.discovered);
            out.writeLong(state.assigned);
            out.writeInt(state.pending.size());
            for (EnumeratorState.Pending p : state.pending) {
                out.writeInt(p.owner());
                StreamSplitSerializer.write(p.split(), out);
            }
            out.writeInt(state.known.size());
            for (String id : state.known) out.writeUTF(id);
        }
        return bytes.toByteArray();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown enumerator state version " + version + " (this build reads " + VERSION + ")");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean discovered = in.readBoolean();
            long assigned = in.readLong();
            int n = in.readInt();
            List<EnumeratorState.Pending> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int owner = in.readInt();
                StreamSplit s = StreamSplitSerializer.read(in);
                pending.add(new EnumeratorState.Pending(owner, s));
            }
            int k = in.readInt();
            Set<String> known = new LinkedHashSet<>();
            for (int i = 0; i < k; i++) known.add(in.readUTF());
            return new EnumeratorState(pending, known, discovered, assigned);
        }
    }
}

package dev.engram.connectors.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Checkpoint form of a {@link StreamSplit}. Version 1: stream id, kind name, location, masks
 * (nullable), label, limit, parameters, position. A version this build does not know fails the
 * restore with an {@link IOException} naming it.
 */
public final class StreamSplitSerializer implements SimpleVersionedSerializer<StreamSplit> {
    public static final StreamSplitSerializer INSTANCE = new StreamSplitSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(StreamSplit s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(s, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public StreamSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown stream split version " + version + " (this build reads " + VERSION + ")");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    /** Writes one split (shared with the enumerator's checkpoint). */
    public static void write(StreamSplit s, DataOutputStream out) throws IOException {
        out.writeUTF(s.streamId());
        out.writeUTF(s.kind().name());
        out.writeUTF(s.location());
        out.writeBoolean(s.masks() != null);
        if (s.masks() != null) out.writeUTF(s.masks());
        out.writeInt(s.label());
        out.writeLong(s.limit());
        out.writeUTF(s.parameters());
        out.writeLong(s.position());
    }

    public static StreamSplit read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        String kindName = in.readUTF();
        SplitKind kind;
        try {
            kind = SplitKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown split kind " + kindName + " of stream " + id, e);
        }
        String location = in.readUTF();
        String masks = in.readBoolean() ? in.readUTF() : null;
        int label = in.readInt();
        long limit = in.readLong();
        String parameters = in.readUTF();
        long position = in.readLong();
        return new StreamSplit(id, kind, location, masks, label, limit, parameters, position);
    }
}

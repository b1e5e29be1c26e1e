package dev.engram.connectors.sink.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint form of an {@link OutputCommittable}, version 1; an unknown version fails the restore naming it. */
public final class OutputCommittableSerializer implements SimpleVersionedSerializer<OutputCommittable> {
    public static final OutputCommittableSerializer INSTANCE = new OutputCommittableSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(OutputCommittable c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(c.type().name());
            out.writeUTF(c.batch());
            out.writeUTF(c.target());
            out.writeUTF(c.staged() == null ? "" : c.staged());
            out.writeLong(c.first());
            out.writeLong(c.last());
        }
        return bytes.toByteArray();
    }

    @Override
    public OutputCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown output committable version " + version + " (this build reads " + VERSION + ")");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            OutputCommittable.Type type;
            String name = in.readUTF();
            try {
                type = OutputCommittable.Type.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown output committable type " + name, e);
            }
            String batch = in.readUTF(), target = in.readUTF(), staged = in.readUTF();
            return new OutputCommittable(type, batch, target, staged.isEmpty() ? null : staged, in.readLong(), in.readLong());
        }
    }
}

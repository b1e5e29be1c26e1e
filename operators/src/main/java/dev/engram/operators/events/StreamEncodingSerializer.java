package dev.engram.operators.events;

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
 * Serializes a stream's {@link StreamEncoding} for checkpoints and savepoints through its own
 * versioned {@code write}/{@code read} (which include the reservoir state's own versioned layout),
 * as one length-prefixed block so Flink can copy it without understanding it.
 *
 * <p>The heap backend keeps the live object; this runs when a checkpoint is written or restored, and
 * for copy-on-write during an asynchronous snapshot, where {@link #copy(StreamEncoding)} is a deep
 * copy through the same bytes. Failure: a block that does not read back (unknown version, another
 * reservoir, damaged lengths) fails the restore with an {@link IOException} saying why.
 */
public final class StreamEncodingSerializer extends TypeSerializer<StreamEncoding> {
    private static final long serialVersionUID = 1L;

    public static final StreamEncodingSerializer INSTANCE = new StreamEncodingSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<StreamEncoding> duplicate() {
        return this;
    }

    @Override
    public StreamEncoding createInstance() {
        return null;
    }

    @Override
    public StreamEncoding copy(StreamEncoding from) {
        if (from == null) return null;
        try {
            return fromBytes(toBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy stream encoding", e);
        }
    }

    @Override
    public StreamEncoding copy(StreamEncoding from, StreamEncoding reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StreamEncoding record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public StreamEncoding deserialize(DataInputView source) throws IOException {
        int n = source.readInt();
        if (n < 0) throw new IOException("negative stream encoding length " + n);
        byte[] bytes = new byte[n];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public StreamEncoding deserialize(StreamEncoding reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        byte[] bytes = new byte[n];
        source.readFully(bytes);
        target.writeInt(n);
        target.write(bytes, 0, n);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StreamEncodingSerializer;
    }

    @Override
    public int hashCode() {
        return StreamEncodingSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<StreamEncoding> snapshotConfiguration() {
        return new StreamEncodingSerializerSnapshot();
    }

    static byte[] toBytes(StreamEncoding encoding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(1 << 20, encoding.bytes() + 1024));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoding.write(out);
        }
        return bytes.toByteArray();
    }

    static StreamEncoding fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return StreamEncoding.read(in);
        }
    }
}

package dev.engram.operators.events;

import dev.engram.operators.state.VersionedStateSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Serializes a stream's {@link StreamEncoding} for checkpoints and savepoints through its own
 * versioned {@code write}/{@code read} (which include the reservoir state's own versioned layout),
 * as one length-prefixed block (see {@link VersionedStateSerializer}). Failure: a block that does not
 * read back (unknown version, another reservoir, damaged lengths) fails the restore with an
 * {@link IOException} saying why.
 */
public final class StreamEncodingSerializer extends VersionedStateSerializer<StreamEncoding> {
    private static final long serialVersionUID = 1L;

    public static final StreamEncodingSerializer INSTANCE = new StreamEncodingSerializer();

    public StreamEncodingSerializer() {
        super("stream encoding");
    }

    @Override
    protected void writeState(StreamEncoding encoding, DataOutputStream out) throws IOException {
        encoding.write(out);
    }

    @Override
    protected StreamEncoding readState(DataInputStream in) throws IOException {
        return StreamEncoding.read(in);
    }

    @Override
    protected int initialBufferBytes(StreamEncoding encoding) {
        return (int) Math.min(1 << 20, encoding.bytes() + 1024);
    }

    /** No empty encoding exists: one starts from a reservoir and a window length. */
    @Override
    public StreamEncoding createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<StreamEncoding> snapshotConfiguration() {
        return new StreamEncodingSerializerSnapshot();
    }
}

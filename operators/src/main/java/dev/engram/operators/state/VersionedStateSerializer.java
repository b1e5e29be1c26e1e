package dev.engram.operators.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes mutable per-stream state that knows how to write and read itself in its own versioned
 * layout (a subclass supplies that codec as {@link #writeState} and {@link #readState}). Each record is
 * written as one length-prefixed block (an int length, then the bytes), so Flink can copy it without
 * understanding it and a reader never over- or under-reads.
 *
 * <p>The heap state backend keeps the live object between checkpoints; a serializer runs only when a
 * checkpoint is written or restored, and for copy-on-write during an asynchronous snapshot, where
 * {@link #copy(Object)} is a deep copy through the same bytes. Subclasses are stateless singletons:
 * two serializers are equal when they are of the same class.
 *
 * <p>Failure: a negative block length fails with an {@link IOException}; a block the codec cannot read
 * (unknown version, damaged lengths) fails the restore with the codec's {@link IOException}; a copy
 * that cannot round-trip throws {@link UncheckedIOException}.
 *
 * @param <T> the state type
 */
public abstract class VersionedStateSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** Bytes the write buffer starts with unless {@link #initialBufferBytes} says otherwise. */
    protected static final int DEFAULT_BUFFER_BYTES = 1 << 16;

    private final String stateName;

    /** @param stateName what one record is, for messages ("segmenter state", "stream encoding") */
    protected VersionedStateSerializer(String stateName) {
        this.stateName = stateName;
    }

    /** Writes {@code value} in its own versioned layout. */
    protected abstract void writeState(T value, DataOutputStream out) throws IOException;

    /** Reads a value written by {@link #writeState}, refusing versions it does not know. */
    protected abstract T readState(DataInputStream in) throws IOException;

    /** A guess of the bytes {@code value} writes, to size the write buffer; only a hint. */
    protected int initialBufferBytes(T value) {
        return DEFAULT_BUFFER_BYTES;
    }

    /** The state block of {@code value}, without the length prefix. */
    public final byte[] toBytes(T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(initialBufferBytes(value));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeState(value, out);
        }
        return bytes.toByteArray();
    }

    /** Reads a state block produced by {@link #toBytes}. */
    public final T fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return readState(in);
        }
    }

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T copy(T from) {
        if (from == null) return null;
        try {
            return fromBytes(toBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + stateName, e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int n = source.readInt();
        if (n < 0) throw new IOException("negative " + stateName + " length " + n);
        byte[] bytes = new byte[n];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        byte[] bytes = new byte[n];
        source.readFully(bytes);
        target.writeInt(n);
        target.write(bytes);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}

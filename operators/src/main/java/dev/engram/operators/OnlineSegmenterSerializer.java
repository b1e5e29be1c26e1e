package dev.engram.operators;

import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
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
 * Serializes a stream's {@link OnlineSegmenter} for checkpoints and savepoints through its own
 * versioned {@code writeState}/{@code readState}. Each record is written as a length-prefixed block,
 * so Flink can copy it without understanding it and a reader never over- or under-reads.
 *
 * <p>The heap state backend keeps the live object between checkpoints; this serializer runs only
 * when a checkpoint is written or restored (and for copy-on-write during an async snapshot, where
 * {@link #copy(OnlineSegmenter)} is a deep copy through the same bytes). Failure: a state block the
 * segmenter cannot read fails the restore with the segmenter's {@link IOException}.
 */
public final class OnlineSegmenterSerializer extends TypeSerializer<OnlineSegmenter> {
    private static final long serialVersionUID = 1L;

    public static final OnlineSegmenterSerializer INSTANCE = new OnlineSegmenterSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<OnlineSegmenter> duplicate() {
        return this;
    }

    @Override
    public OnlineSegmenter createInstance() {
        return new OnlineSegmenter(VosOptions.defaults());
    }

    @Override
    public OnlineSegmenter copy(OnlineSegmenter from) {
        if (from == null) return null;
        try {
            return fromBytes(toBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy segmenter state", e);
        }
    }

    @Override
    public OnlineSegmenter copy(OnlineSegmenter from, OnlineSegmenter reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OnlineSegmenter record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public OnlineSegmenter deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public OnlineSegmenter deserialize(OnlineSegmenter reuse, DataInputView source) throws IOException {
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
        return obj instanceof OnlineSegmenterSerializer;
    }

    @Override
    public int hashCode() {
        return OnlineSegmenterSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<OnlineSegmenter> snapshotConfiguration() {
        return new OnlineSegmenterSerializerSnapshot();
    }

    static byte[] toBytes(OnlineSegmenter segmenter) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            segmenter.writeState(out);
        }
        return bytes.toByteArray();
    }

    static OnlineSegmenter fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return OnlineSegmenter.readState(in);
        }
    }
}

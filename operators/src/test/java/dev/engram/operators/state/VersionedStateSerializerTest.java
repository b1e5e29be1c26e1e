package dev.engram.operators.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class VersionedStateSerializerTest {

    static final class Note {
        final String text;

        Note(String text) {
            this.text = text;
        }
    }

    static final class NoteSerializer extends VersionedStateSerializer<Note> {
        private static final long serialVersionUID = 1L;
        static final NoteSerializer INSTANCE = new NoteSerializer();

        NoteSerializer() {
            super("note");
        }

        @Override
        protected void writeState(Note value, DataOutputStream out) throws IOException {
            out.writeUTF(value.text);
        }

        @Override
        protected Note readState(DataInputStream in) throws IOException {
            return new Note(in.readUTF());
        }

        @Override
        public Note createInstance() {
            return new Note("");
        }

        @Override
        public TypeSerializerSnapshot<Note> snapshotConfiguration() {
            return new NoteSerializerSnapshot();
        }
    }

    public static final class NoteSerializerSnapshot extends VersionedStateSerializerSnapshot<Note> {
        public NoteSerializerSnapshot() {
            super(2, "note");
        }

        @Override
        public TypeSerializer<Note> restoreSerializer() {
            return NoteSerializer.INSTANCE;
        }
    }

    @Test
    void writesOneLengthPrefixedBlockPerRecord() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        NoteSerializer.INSTANCE.serialize(new Note("hi"), out);
        byte[] block = NoteSerializer.INSTANCE.toBytes(new Note("hi"));
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(in.readInt()).isEqualTo(block.length);
        assertThat(NoteSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).text).isEqualTo("hi");
    }

    @Test
    void negativeBlockLengthFailsNamingTheState() {
        DataOutputSerializer out = new DataOutputSerializer(8);
        try {
            out.writeInt(-3);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> NoteSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class).hasMessage("negative note length -3");
    }

    @Test
    void snapshotOfALaterVersionIsRefused() {
        assertThatThrownBy(() -> new NoteSerializerSnapshot().readSnapshot(3, new DataInputDeserializer(new byte[0]), null))
                .isInstanceOf(IOException.class).hasMessage("unknown note serializer snapshot version 3 (this build reads 1..2)");
    }

    @Test
    void earlierSnapshotVersionIsCompatibleAsIs() throws Exception {
        NoteSerializerSnapshot old = new NoteSerializerSnapshot();
        old.readSnapshot(1, new DataInputDeserializer(new byte[0]), null);
        assertThat(new NoteSerializerSnapshot().resolveSchemaCompatibility(old).isCompatibleAsIs()).isTrue();
    }
}

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
            super("note", 2, 4);
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

    /** A snapshot as another build wrote it: snapshot version 2 recording {@code stateVersion}. */
    static NoteSerializerSnapshot writtenWithStateVersion(int stateVersion) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(stateVersion);
        NoteSerializerSnapshot old = new NoteSerializerSnapshot();
        old.readSnapshot(2, new DataInputDeserializer(out.getCopyOfBuffer()), null);
        return old;
    }

    @Test
    void snapshotRecordsTheStateVersionItsBuildWrites() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, NoteSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<Note> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(((NoteSerializerSnapshot) read).stateVersion()).isEqualTo(4);
        assertThat(new NoteSerializerSnapshot().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    @Test
    void everyReadableStateVersionIsCompatibleAsIs() throws Exception {
        for (int v = 2; v <= 4; v++) {
            assertThat(new NoteSerializerSnapshot().resolveSchemaCompatibility(writtenWithStateVersion(v)).isCompatibleAsIs()).as("v%d", v).isTrue();
        }
    }

    @Test
    void aStateVersionThisBuildDoesNotReadIsIncompatibleWithAReasonNamingIt() throws Exception {
        NoteSerializerSnapshot current = new NoteSerializerSnapshot();
        NoteSerializerSnapshot newer = writtenWithStateVersion(5), older = writtenWithStateVersion(1);
        assertThat(current.resolveSchemaCompatibility(newer).isIncompatible()).isTrue();
        assertThat(current.incompatibilityReason(newer)).isEqualTo("note version 5 was written by a newer Engram; this build reads note versions 2..4");
        assertThat(current.resolveSchemaCompatibility(older).isIncompatible()).isTrue();
        assertThat(current.incompatibilityReason(older)).isEqualTo("note version 1 is no longer readable; this build reads note versions 2..4");
    }

    @Test
    void snapshotOfALaterVersionIsRefused() {
        assertThatThrownBy(() -> new NoteSerializerSnapshot().readSnapshot(3, new DataInputDeserializer(new byte[0]), null))
                .isInstanceOf(IOException.class).hasMessage("unknown note serializer snapshot version 3 (this build reads snapshot versions 1..2): written by a newer Engram?");
    }

    @Test
    void versionOneSnapshotRecordedNoStateVersionAndLeavesTheCheckToEachBlock() throws Exception {
        NoteSerializerSnapshot old = new NoteSerializerSnapshot();
        old.readSnapshot(1, new DataInputDeserializer(new byte[0]), null);
        assertThat(old.stateVersion()).isEqualTo(VersionedStateSerializerSnapshot.UNRECORDED);
        assertThat(new NoteSerializerSnapshot().resolveSchemaCompatibility(old).isCompatibleAsIs()).isTrue();
    }
}

package dev.engram.operators;

import org.junit.jupiter.api.AfterAll;
import dev.engram.vos.SegmenterResources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class OnlineSegmenterSerializerTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }


    private static OnlineSegmenter trained() {
        OnlineSegmenter s = new OnlineSegmenter(VosOptions.defaults().withText("vos.backbone", "none").withText("vos.memory-budget", "1MiB"));
        for (long i = 0; i < 6; i++) s.segment(TestFrames.frame("s", i).frame, RESOURCES);
        return s;
    }

    @Test
    void roundTripRestoresALearnerThatSegmentsIdentically() throws Exception {
        OnlineSegmenter original = trained();
        DataOutputSerializer out = new DataOutputSerializer(1024);
        OnlineSegmenterSerializer.INSTANCE.serialize(original, out);
        OnlineSegmenter restored = OnlineSegmenterSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(restored.options()).isEqualTo(original.options());
        assertThat(restored.stats()).isEqualTo(original.stats());
        for (long i = 6; i < 12; i++) {
            Mask a = original.segment(TestFrames.frame("s", i).frame, RESOURCES);
            Mask b = restored.segment(TestFrames.frame("s", i).frame, RESOURCES);
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void copyIsDeepAndCopyOfBytesIsVerbatim() throws Exception {
        OnlineSegmenter original = trained();
        OnlineSegmenter copy = OnlineSegmenterSerializer.INSTANCE.copy(original);
        assertThat(copy).isNotSameAs(original);
        assertThat(OnlineSegmenterSerializer.INSTANCE.toBytes(copy)).isEqualTo(OnlineSegmenterSerializer.INSTANCE.toBytes(original));

        DataOutputSerializer first = new DataOutputSerializer(1024);
        OnlineSegmenterSerializer.INSTANCE.serialize(original, first);
        DataOutputSerializer second = new DataOutputSerializer(1024);
        OnlineSegmenterSerializer.INSTANCE.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void snapshotRoundTripIsCompatibleAsIs() throws Exception {
        TypeSerializerSnapshot<OnlineSegmenter> snapshot = OnlineSegmenterSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<OnlineSegmenter> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(OnlineSegmenterSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<OnlineSegmenter> compat = OnlineSegmenterSerializer.INSTANCE
                .snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void snapshotOfAnotherSerializerIsIncompatible() {
        TypeSerializerSnapshot other = StringSerializer.INSTANCE.snapshotConfiguration();
        assertThat(new OnlineSegmenterSerializerSnapshot().resolveSchemaCompatibility(other).isIncompatible()).isTrue();
    }
}
